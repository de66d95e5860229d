/** What the deflection query counts over a period's suggestion sessions. */
export interface DeflectionCounts {
  sessions: number;
  empty_sessions: number;
  clicked: number;
  deflected: number;
  ticket_created: number;
}

export interface DeflectionFigures {
  sessions: number;
  emptySessions: number;
  clicked: number;
  deflected: number;
  ticketCreated: number;
  deflectionRate: number;
  clickThroughRate: number;
}

const ratio = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/**
 * The deflection rate: sessions where the reader said an article solved the problem and filed no
 * ticket, over the sessions that showed at least one article (a session with nothing to show is a
 * gap in the knowledge base, counted apart). Zendesk's "self-service score" divides help-center
 * views by tickets instead: it needs no feedback from the reader but counts every browse as help.
 */
export function deflectionFigures(counts: DeflectionCounts): DeflectionFigures {
  return {
    sessions: counts.sessions,
    emptySessions: counts.empty_sessions,
    clicked: counts.clicked,
    deflected: counts.deflected,
    ticketCreated: counts.ticket_created,
    deflectionRate: ratio(counts.deflected, counts.sessions),
    clickThroughRate: ratio(counts.clicked, counts.sessions),
  };
}

import { CommentAuthorRole, TicketStatus } from '@helpdesk/contracts';

/** The three SLA targets of a ticket. */
export type ClockKind = 'first_response' | 'next_response' | 'resolution';

/** Where a ticket's clock of one kind stands. */
export type ClockPhase = 'absent' | 'running' | 'paused' | 'stopped';

export type ClockPhases = Record<ClockKind, ClockPhase>;

/** What happened to a ticket, as the SLA clocks see it. */
export type SlaTicketEvent =
  | { type: 'created'; status: TicketStatus }
  | { type: 'comment'; authorRole: CommentAuthorRole; public: boolean }
  | { type: 'status'; from: TicketStatus; to: TicketStatus }
  | { type: 'priority' };

export type ClockOperation = 'start' | 'pause' | 'resume' | 'stop' | 'reopen' | 'retarget' | 'cancel';

export interface ClockCommand {
  kind: ClockKind;
  operation: ClockOperation;
}

export interface SlaSettings {
  /** Statuses during which the resolution clock does not count (Zendesk: pending and on hold) */
  pauseResolutionOn: TicketStatus[];
  /** Which targets the ticket's policy sets for its (new) priority */
  targets: Record<ClockKind, boolean>;
}

const KINDS: ClockKind[] = ['first_response', 'next_response', 'resolution'];
const DONE = [TicketStatus.Solved, TicketStatus.Closed];

/**
 * What a ticket event does to its clocks:
 * - created: first response and resolution start (resolution paused from the start in a pausing status);
 * - the first public agent reply stops first response; any public agent reply stops next response;
 * - a public reply by the requester or a CC'd end user, once the ticket has had its first response,
 *   starts next response unless it is already running (it measures the oldest unanswered reply);
 * - entering a pausing status pauses resolution, leaving it resumes it;
 * - solving stops every clock; reopening (solved → open/pending/on hold) resumes resolution;
 *   closing stops whatever still runs;
 * - a priority change re-targets running and paused clocks, and cancels those the new priority has no target for.
 */
export function clockCommands(event: SlaTicketEvent, phases: ClockPhases, settings: SlaSettings): ClockCommand[] {
  const live = (kind: ClockKind) => phases[kind] === 'running' || phases[kind] === 'paused';
  switch (event.type) {
    case 'created': {
      const commands: ClockCommand[] = [];
      if (settings.targets.first_response) commands.push({ kind: 'first_response', operation: 'start' });
      if (settings.targets.resolution) {
        commands.push({ kind: 'resolution', operation: 'start' });
        if (settings.pauseResolutionOn.includes(event.status)) commands.push({ kind: 'resolution', operation: 'pause' });
      }
      return commands;
    }
    case 'comment': {
      if (!event.public) return [];
      if (event.authorRole === 'agent') {
        return (['first_response', 'next_response'] as const).filter(live).map((kind) => ({ kind, operation: 'stop' }));
      }
      const endUser = event.authorRole === 'requester' || event.authorRole === 'end_user';
      const responded = phases.first_response === 'stopped' || phases.first_response === 'absent';
      if (endUser && responded && settings.targets.next_response && !live('next_response')) {
        return [{ kind: 'next_response', operation: 'start' }];
      }
      return [];
    }
    case 'status': {
      const { from, to } = event;
      if (to === TicketStatus.Solved || to === TicketStatus.Closed) {
        return KINDS.filter(live).map((kind) => ({ kind, operation: 'stop' }));
      }
      if (from === TicketStatus.Solved) {
        const commands: ClockCommand[] = phases.resolution === 'stopped' ? [{ kind: 'resolution', operation: 'reopen' }] : [];
        if (commands.length && settings.pauseResolutionOn.includes(to)) commands.push({ kind: 'resolution', operation: 'pause' });
        return commands;
      }
      if (!live('resolution') || DONE.includes(from)) return [];
      const pausedBefore = settings.pauseResolutionOn.includes(from);
      const pausedAfter = settings.pauseResolutionOn.includes(to);
      if (!pausedBefore && pausedAfter) return [{ kind: 'resolution', operation: 'pause' }];
      if (pausedBefore && !pausedAfter) return [{ kind: 'resolution', operation: 'resume' }];
      return [];
    }
    case 'priority':
      return KINDS.filter(live).map((kind) => ({ kind, operation: settings.targets[kind] ? 'retarget' : 'cancel' }));
  }
}

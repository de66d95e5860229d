import { Locale } from '@helpdesk/contracts';

/** What the requester of a merged ticket is told, in their language. */
export function mergedNotice(locale: Locale, targetNumber: string): string {
  return locale === Locale.En
    ? `This request was merged into ${targetNumber}. We will continue there.`
    : `Esta solicitud se ha unido a ${targetNumber}. Seguiremos allí.`;
}

/** The note left on the ticket that took over. */
export function mergedIntoNote(sourceNumber: string, movedComments: number, note?: string): string {
  const line = `Merged ${sourceNumber} into this ticket (${movedComments} comment(s) moved).`;
  return note?.trim() ? `${line}\n\n${note.trim()}` : line;
}

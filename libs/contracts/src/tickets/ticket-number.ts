import { TICKET_NUMBER_PATTERN } from './ticket.dto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `HD-` and at least six digits: 1 → HD-000001, 1234567 → HD-1234567 (never truncated). */
export function formatTicketNumber(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  }
  return `HD-${String(sequence).padStart(6, '0')}`;
}

export type TicketRef = { kind: 'id'; id: string } | { kind: 'number'; number: string } | { kind: 'invalid' };

/** Tells whether a path segment is a ticket uuid, a ticket number, or neither. */
export function parseTicketRef(value: string): TicketRef {
  if (UUID_PATTERN.test(value)) return { kind: 'id', id: value.toLowerCase() };
  const upper = value.toUpperCase();
  if (TICKET_NUMBER_PATTERN.test(upper)) return { kind: 'number', number: upper };
  return { kind: 'invalid' };
}

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

import { BusErrorBody, EVENT_SUBJECT_PREFIX } from '@helpdesk/contracts';

/** What a responder sends back: a value or a coded error. */
export type BusReply<T = unknown> = { ok: true; data: T } | { ok: false; error: BusErrorBody };

export type BusHeaders = Record<string, string>;

/** Subjects on the wire carry the namespace, so parallel runs on one NATS never meet. */
export function requestSubject(namespace: string, subject: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}

export function eventSubject(namespace: string, type: string): string {
  return requestSubject(namespace, `${EVENT_SUBJECT_PREFIX}${type}`);
}

/** The JetStream durable consumer of a service's event pattern (`sla-service__ticket_created`). */
export function durableName(service: string, pattern: string): string {
  return `${service}__${pattern}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function encode(value: unknown): string {
  return JSON.stringify(value);
}

export function decode<T>(text: string): T {
  return JSON.parse(text) as T;
}

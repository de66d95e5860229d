import { ChannelMessageReceivedV1, ChannelType, CtiCallEventDto, FieldError } from '@helpdesk/contracts';
import { jsonObjectBody, validatedBody } from './webhook-body';

/** Hang-up causes of an inbound call nobody talked to: a callback is owed. */
const MISSED_CAUSES = ['cancel', 'noAnswer', 'busy'];

export type ParsedCtiEvent = { ok: true; event: CtiCallEventDto } | { ok: false; errors: FieldError[] };

/** Parses and validates a CTI webhook's raw body with the contract's DTO (unknown fields are refused). */
export function parseCtiEvent(rawBody: Buffer): ParsedCtiEvent {
  const json = jsonObjectBody(rawBody);
  if (!json.ok) return json;
  const checked = validatedBody(CtiCallEventDto, json.value);
  return checked.ok ? { ok: true, event: checked.value } : checked;
}

/** The inbound log's message id of a call event: each event of a call counts once. */
export function ctiMessageId(event: Pick<CtiCallEventDto, 'callId' | 'event'>): string {
  return `${event.callId}:${event.event}`;
}

/** The other party of a call, whose open ticket the call belongs to: the caller of an inbound call, the callee of an outbound one. */
export function ctiCustomerNumber(event: Pick<CtiCallEventDto, 'direction' | 'from' | 'to'>): string {
  return event.direction === 'in' ? event.from : event.to;
}

/** What a call event hands to ticket-service. */
export type CtiDecision =
  | { kind: 'log' }
  | { kind: 'answered'; extension: string | null }
  | { kind: 'missed'; reason: string }
  | { kind: 'outbound'; extension: string | null };

/**
 * What an event of a call does: `newCall` and `answer` are only logged; the hang-up of an inbound
 * call that was answered (an `answer` event was logged, or the hang-up names the extension, and the
 * cause is not a missed one) is the call; one that was not answered, or ended `cancel`, `noAnswer` or
 * `busy`, a missed call; the hang-up of an outbound call a note of the call for the callee's ticket.
 */
export function ctiDecision(event: CtiCallEventDto, answer: { user: string | null } | null): CtiDecision {
  if (event.event !== 'hangup') return { kind: 'log' };
  const extension = event.user ?? answer?.user ?? null;
  if (event.direction === 'out') return { kind: 'outbound', extension };
  if (event.cause && MISSED_CAUSES.includes(event.cause)) return { kind: 'missed', reason: event.cause };
  if (!answer && !event.user) return { kind: 'missed', reason: event.cause ?? 'noAnswer' };
  return { kind: 'answered', extension };
}

/** The event for a hang-up worth a ticket or a comment (none for `log`). */
export function ctiCallReceived(
  inboundId: string,
  channelId: string,
  event: CtiCallEventDto,
  decision: CtiDecision,
  receivedAt: Date,
): ChannelMessageReceivedV1 | null {
  if (decision.kind === 'log') return null;
  const number = ctiCustomerNumber(event);
  const seconds = event.duration !== undefined ? `${event.duration} s` : 'duration unknown';
  const base = {
    inboundId,
    channelId,
    channelType: ChannelType.Cti,
    medium: 'voice' as const,
    providerMessageId: ctiMessageId(event),
    conversationId: number,
    from: { id: number, name: number, email: null, phone: number },
    attachments: event.recordingUrl ? [{ url: event.recordingUrl, name: 'recording', contentType: null }] : [],
    sentAt: new Date(event.occurredAt).toISOString(),
    receivedAt: receivedAt.toISOString(),
  };
  const lines = (first: string, extension: string | null) =>
    [
      first,
      `Duration: ${seconds}`,
      extension ? `Extension: ${extension}` : null,
      event.cause ? `Cause: ${event.cause}` : null,
      event.recordingUrl ? `Recording: ${event.recordingUrl}` : null,
    ]
      .filter((line): line is string => line !== null)
      .join('\n');
  switch (decision.kind) {
    case 'answered':
      return { ...base, text: lines(`Call from ${number} (${seconds})`, decision.extension) };
    case 'missed':
      return {
        ...base,
        text: lines(`Callback: missed call from ${number} (${decision.reason})`, null),
        ticketPolicy: 'new',
        tags: ['callback'],
      };
    case 'outbound':
      return { ...base, text: lines(`Outbound call to ${number} (${seconds})`, decision.extension), ticketPolicy: 'existing_only' };
  }
}

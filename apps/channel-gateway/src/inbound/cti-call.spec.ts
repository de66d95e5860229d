import { CtiCallEventDto } from '@helpdesk/contracts';
import { computeSignature, signedRequestString } from '@helpdesk/platform';
import { ctiCallReceived, ctiDecision, ctiMessageId, parseCtiEvent } from './cti-call';

const event = (fields: Partial<CtiCallEventDto>): CtiCallEventDto =>
  Object.assign(new CtiCallEventDto(), {
    event: 'hangup',
    callId: 'c1',
    from: '+34600111222',
    to: '+34910000000',
    direction: 'in',
    occurredAt: '2026-11-29T09:00:00Z',
    ...fields,
  });

describe(ctiDecision.name, () => {
  it.each([
    ['newCall is only logged', event({ event: 'newCall' }), null, 'log'],
    ['answer is only logged', event({ event: 'answer', user: '201' }), null, 'log'],
    ['an answered inbound hang-up is the call', event({ cause: 'normalClearing' }), { user: '201' }, 'answered'],
    ['a hang-up naming the extension is answered', event({ user: '201', cause: 'normalClearing' }), null, 'answered'],
    ['a hang-up without an answer is missed', event({ cause: 'normalClearing' }), null, 'missed'],
    ['cancel is missed even when answered', event({ cause: 'cancel' }), { user: '201' }, 'missed'],
    ['busy is missed', event({ cause: 'busy' }), null, 'missed'],
    ['an outbound hang-up is outbound', event({ direction: 'out', to: '+34600111222', from: '201' }), null, 'outbound'],
  ])('%s', (_name, e, answer, kind) => {
    expect(ctiDecision(e, answer).kind).toBe(kind);
  });
});

describe(ctiCallReceived.name, () => {
  const at = new Date('2026-11-29T09:01:00Z');

  it('makes a missed call a new callback ticket tagged callback, keyed <callId>:<event>', () => {
    const e = event({ cause: 'noAnswer' });
    const message = ctiCallReceived('i1', 'ch', e, ctiDecision(e, null), at);
    expect(message).toMatchObject({
      providerMessageId: 'c1:hangup',
      ticketPolicy: 'new',
      tags: ['callback'],
      conversationId: '+34600111222',
    });
    expect(message?.text).toMatch(/^Callback: missed call from \+34600111222 \(noAnswer\)/);
  });

  it('gives an answered call its duration, extension and recording', () => {
    const e = event({ duration: 95, recordingUrl: 'https://pbx.example.com/r.wav' });
    const message = ctiCallReceived('i1', 'ch', e, ctiDecision(e, { user: '201' }), at);
    expect(message?.text).toContain('Extension: 201');
    expect(message?.text).toContain('95 s');
    expect(message?.attachments).toEqual([{ url: 'https://pbx.example.com/r.wav', name: 'recording', contentType: null }]);
    expect(message?.ticketPolicy).toBeUndefined();
  });

  it('files an outbound call under the callee, on an existing ticket only', () => {
    const e = event({ direction: 'out', from: '201', to: '+34600999888' });
    expect(ctiCallReceived('i1', 'ch', e, ctiDecision(e, null), at)).toMatchObject({
      conversationId: '+34600999888',
      ticketPolicy: 'existing_only',
    });
  });

  it('hands nothing over for a logged event', () => {
    const e = event({ event: 'newCall' });
    expect(ctiCallReceived('i1', 'ch', e, ctiDecision(e, null), at)).toBeNull();
  });
});

describe(parseCtiEvent.name, () => {
  it('refuses bad JSON, unknown fields and bad values per field', () => {
    expect(parseCtiEvent(Buffer.from('{'))).toEqual({ ok: false, errors: [{ field: 'body', message: 'must be valid JSON' }] });
    const parsed = parseCtiEvent(
      Buffer.from(JSON.stringify({ event: 'x', callId: 'c', from: '1', to: '2', direction: 'in', occurredAt: 'now', extra: 1 })),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['event', 'occurredAt', 'extra']));
  });

  it('keys events by call and kind', () => {
    expect(ctiMessageId({ callId: '1764403200.42', event: 'answer' })).toBe('1764403200.42:answer');
  });
});

describe(signedRequestString.name, () => {
  it('signs a lookup over "<t>.<path?query>", the same HMAC as a body', () => {
    const path = '/webhooks/cti/ch/lookup?number=%2B34600111222';
    expect(signedRequestString(1764403200, path)).toBe(`1764403200.${path}`);
    expect(computeSignature('secret-secret-16', 1764403200, path)).toMatch(/^[0-9a-f]{64}$/);
  });
});

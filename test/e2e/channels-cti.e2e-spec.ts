import { createHmac, randomBytes } from 'node:crypto';
import request from 'supertest';
import { bearer, expectProblem, uniqueEmail } from '../support/api';
import { waitFor } from '../support/free-port';
import { useSuite } from '../support/suite';

/** CTI: a PBX's signed call events become phone tickets, callback tickets and comments; a signed lookup says who calls. */
describe('Channels: the CTI webhook and caller lookup', () => {
  const suite = useSuite();
  const hex = (bytes: number) => randomBytes(bytes).toString('hex');
  const phone = () => `+346${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  /** Signed as documented (`<t>.<payload>`), computed here independently of the app's code. */
  const sign = (secret: string, payload: string, t = Math.floor(Date.now() / 1000)) =>
    `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;

  async function ctiChannel(): Promise<{ id: string; secret: string }> {
    const secret = `whsec_${hex(16)}`;
    const res = await suite
      .api()
      .post('/api/v1/channels')
      .set(bearer(suite.admin))
      .send({ type: 'cti', name: `PBX ${hex(4)}`, settings: { signingSecret: secret } })
      .expect(201);
    expect(JSON.stringify(res.body)).not.toContain(secret);
    return { id: res.body.id as string, secret };
  }

  const post = (channel: { id: string; secret: string }, body: object, options: { signature?: string | null; raw?: string } = {}) => {
    const raw = options.raw ?? JSON.stringify(body);
    let req = request(suite.target.webhookUrl).post(`/webhooks/cti/${channel.id}`).set('content-type', 'application/json');
    const signature = options.signature === undefined ? sign(channel.secret, raw) : options.signature;
    if (signature !== null) req = req.set('X-Helpdesk-Signature', signature);
    return req.send(raw);
  };
  const callEvent = (fields: Record<string, unknown>) => ({
    occurredAt: new Date().toISOString(),
    to: '+34910000000',
    direction: 'in',
    ...fields,
  });

  async function customerWithPhone(number: string): Promise<string> {
    const res = await suite
      .api()
      .post('/api/v1/users')
      .set(bearer(suite.admin))
      .send({ email: uniqueEmail('cti'), name: 'Cliente CTI', role: 'customer', phone: number })
      .expect(201);
    return res.body.id as string;
  }
  const ticketsOf = async (requesterId: string) =>
    (await suite.api().get(`/api/v1/tickets?requesterId=${requesterId}&limit=100`).set(bearer(suite.admin)).expect(200)).body.data as {
      id: string;
      number: string;
      subject: string;
      description: string;
      channel: string;
      tags: string[];
    }[];
  const commentsOf = async (ticketId: string) =>
    (await suite.api().get(`/api/v1/tickets/${ticketId}/comments`).set(bearer(suite.admin)).expect(200)).body as { body: string }[];
  const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, 30_000, 200);

  it('makes an answered call a phone ticket with duration, extension and recording; a retried event does nothing', async () => {
    const channel = await ctiChannel();
    const from = phone();
    const customerId = await customerWithPhone(from);
    const callId = `call-${hex(6)}`;
    expect((await post(channel, callEvent({ event: 'newCall', callId, from })).expect(200)).body).toMatchObject({ duplicate: false });
    await post(channel, callEvent({ event: 'answer', callId, from, user: '201' })).expect(200);
    const hangup = callEvent({
      event: 'hangup',
      callId,
      from,
      cause: 'normalClearing',
      duration: 95,
      recordingUrl: 'https://pbx.example.com/rec/1.wav',
    });
    await post(channel, hangup).expect(200);
    const [ticket] = await eventually('the call ticket', async () =>
      (await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined,
    );
    expect(ticket).toMatchObject({ subject: `Call from ${from} (95 s)`, channel: 'phone' });
    expect(ticket.description).toContain('https://pbx.example.com/rec/1.wav');
    expect(ticket.description).toContain('Extension: 201');
    const again = await post(channel, hangup).expect(200);
    expect(again.body).toMatchObject({ duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await ticketsOf(customerId)).toHaveLength(1);
    expect(await commentsOf(ticket.id)).toHaveLength(0);
  });

  it('makes a missed call a callback ticket tagged callback, and an outbound call a comment on the open ticket', async () => {
    const channel = await ctiChannel();
    const from = phone();
    const customerId = await customerWithPhone(from);
    await post(channel, callEvent({ event: 'newCall', callId: `m-${hex(4)}`, from })).expect(200);
    await post(channel, callEvent({ event: 'hangup', callId: `m-${hex(4)}`, from, cause: 'noAnswer', duration: 0 })).expect(200);
    const [ticket] = await eventually('the callback ticket', async () =>
      (await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined,
    );
    expect(ticket.subject).toBe(`Callback: missed call from ${from} (noAnswer)`);
    expect(ticket.tags).toContain('callback');

    const out = callEvent({ event: 'hangup', callId: `o-${hex(4)}`, from: '201', to: from, direction: 'out', user: '201', duration: 30 });
    await post(channel, out).expect(200);
    const comments = await eventually('the outbound call comment', async () => {
      const list = await commentsOf(ticket.id);
      return list.length ? list : undefined;
    });
    expect(comments[0].body).toContain(`Outbound call to ${from} (30 s)`);

    // An outbound call to a number with no open ticket is only logged.
    const nobody = phone();
    await post(channel, { ...out, callId: `o-${hex(4)}`, to: nobody }).expect(200);
  });

  it('refuses bad and stale signatures with 403, unknown channels with 404 and malformed events with 400', async () => {
    const channel = await ctiChannel();
    const body = callEvent({ event: 'newCall', callId: `s-${hex(4)}`, from: phone() });
    expectProblem(await post(channel, body, { signature: null }), 403, 'FORBIDDEN');
    expectProblem(await post(channel, body, { signature: sign(`whsec_${hex(16)}`, JSON.stringify(body)) }), 403, 'FORBIDDEN');
    const stale = sign(channel.secret, JSON.stringify(body), Math.floor(Date.now() / 1000) - 600);
    expectProblem(await post(channel, body, { signature: stale }), 403, 'FORBIDDEN');
    expectProblem(await post({ ...channel, id: '8e1f6a52-0000-4000-8000-000000000000' }, body), 404, 'NOT_FOUND');
    const bad = await post(channel, { event: 'explode', callId: '', from: 'x', to: '1', direction: 'sideways', occurredAt: 'yesterday' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['event', 'callId', 'from', 'direction', 'occurredAt']),
    );
    expectProblem(await post(channel, {}, { raw: '{not json' }), 400);
  });

  it('tells a signed lookup who calls and their open tickets; refuses an unsigned one and a bad number', async () => {
    const channel = await ctiChannel();
    const from = phone();
    const customerId = await customerWithPhone(from);
    await post(channel, callEvent({ event: 'hangup', callId: `l-${hex(4)}`, from, cause: 'busy' })).expect(200);
    const [ticket] = await eventually('the callback ticket', async () =>
      (await ticketsOf(customerId)).length ? ticketsOf(customerId) : undefined,
    );
    const lookup = (number: string, signed = true) => {
      const path = `/webhooks/cti/${channel.id}/lookup?number=${encodeURIComponent(number)}`;
      const req = request(suite.target.webhookUrl).get(path);
      return signed ? req.set('X-Helpdesk-Signature', sign(channel.secret, path)) : req;
    };
    const res = await lookup(from).expect(200);
    expect(res.body.requester).toMatchObject({ id: customerId, name: 'Cliente CTI' });
    expect(res.body.openTickets).toEqual([expect.objectContaining({ id: ticket.id, number: ticket.number, status: expect.any(String) })]);
    expect((await lookup(phone()).expect(200)).body).toEqual({ requester: null, openTickets: [] });
    expectProblem(await lookup(from, false), 403, 'FORBIDDEN');
    expectProblem(await lookup('abc'), 400, 'VALIDATION_FAILED');
    // Through the API gateway's URL as well.
    const path = `/webhooks/cti/${channel.id}/lookup?number=${encodeURIComponent(from)}`;
    const viaGateway = await request(suite.target.url).get(path).set('X-Helpdesk-Signature', sign(channel.secret, path)).expect(200);
    expect(viaGateway.body.requester).toMatchObject({ id: customerId });
  });
});

import { randomUUID } from 'node:crypto';
import { ChannelMessageReceivedV1, ChannelType, EVENTS } from '@helpdesk/contracts';
import {
  DomainError,
  OutboxRelay,
  Runtime,
  sqlRows,
  startServiceScratchDatabase,
  UnitOfWork,
  type ScratchDatabase,
} from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { ChannelGatewayConfig } from '../config/channel-gateway.config';
import { CHANNEL_DATABASE } from '../database/schema';
import { InboundLogWriter, InboundWrite } from './inbound-log.writer';

/** Group commit of the inbound log on a real PostgreSQL (embedded): what is answered is stored, once, in order. */
describe('InboundLogWriter', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let uow: UnitOfWork;
  const channelId = randomUUID();
  const nudges: number[] = [];

  const writer = (over: Partial<ChannelGatewayConfig> = {}) =>
    new InboundLogWriter(uow, dataSource, { intakeBatchSize: 200, intakeMaxPending: 5_000, ...over } as ChannelGatewayConfig);

  const message = (conversationId: string, providerMessageId: string, text = 'hola'): InboundWrite => ({
    channelId,
    providerMessageId,
    conversationId,
    rawBody: Buffer.from(JSON.stringify({ conversationId, messageId: providerMessageId, text }), 'utf8'),
    event: (inboundId, receivedAt): ChannelMessageReceivedV1 => ({
      inboundId,
      channelId,
      channelType: ChannelType.Chat,
      providerMessageId,
      conversationId,
      from: { id: conversationId, name: 'Ana', email: null },
      text,
      attachments: [],
      sentAt: receivedAt.toISOString(),
      receivedAt: receivedAt.toISOString(),
    }),
  });

  const outbox = () =>
    sqlRows<{ type: string; aggregate_id: string; provider_message_id: string; inbound_id: string }>(
      dataSource,
      `SELECT type, aggregate_id, payload->'data'->>'providerMessageId' AS provider_message_id, payload->'data'->>'inboundId' AS inbound_id
         FROM "channel"."outbox" ORDER BY seq`,
    );

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('inbound-writer', CHANNEL_DATABASE);
    dataSource = scratch.dataSource;
    await dataSource.query(
      `INSERT INTO "channel"."channels" (id, type, name, settings, secret, active) VALUES ($1, 'chat', 'Chat', '{}', 's', true)`,
      [channelId],
    );
    const relay = { nudge: () => nudges.push(Date.now()) } as unknown as OutboxRelay;
    uow = new UnitOfWork(dataSource, relay, { service: 'channel-gateway' } as Runtime);
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  beforeEach(async () => {
    await dataSource.query(`DELETE FROM "channel"."outbox"`);
    await dataSource.query(`DELETE FROM "channel"."inbound_messages"`);
  });

  it('writes webhooks that arrive together in shared transactions, each answered with its own row and its event in arrival order', async () => {
    const log = writer();
    const writes = Array.from({ length: 300 }, (_, i) => message(`conv-${i % 7}`, `m-${i}`));
    const answers = await Promise.all(writes.map((w) => log.write(w)));
    expect(answers.every((a) => a.received && !a.duplicate)).toBe(true);
    expect(new Set(answers.map((a) => a.id)).size).toBe(300);
    const rows = await sqlRows<{ id: string; provider_message_id: string; state: string }>(
      dataSource,
      `SELECT id, provider_message_id, state FROM "channel"."inbound_messages"`,
    );
    expect(rows).toHaveLength(300);
    const byKey = new Map(rows.map((r) => [r.provider_message_id, r.id]));
    writes.forEach((w, i) => expect(answers[i].id).toBe(byKey.get(w.providerMessageId)));
    expect(rows.every((r) => r.state === 'handed_over')).toBe(true);
    // One event per message, in the order they came, keyed by conversation (ticket-service keeps each conversation in order).
    const events = await outbox();
    expect(events.map((e) => e.provider_message_id)).toEqual(writes.map((w) => w.providerMessageId));
    expect(events.every((e) => e.type === EVENTS.channel.messageReceived)).toBe(true);
    expect(events[3].aggregate_id).toBe(`${channelId}:conv-3`);
    expect(events.map((e) => e.inbound_id)).toEqual(answers.map((a) => a.id));
    // Grouped: far fewer transactions (one nudge of the relay each) than webhooks.
    expect(nudges.length).toBeLessThan(300);
  });

  it('answers a repeat (in the same group or later) with the first row and emits nothing for it', async () => {
    const log = writer();
    const [a, b, again, other] = await Promise.all([
      log.write(message('c1', 'dup-1')),
      log.write(message('c1', 'dup-2')),
      log.write(message('c1', 'dup-1')),
      log.write(message('c2', 'dup-3')),
    ]);
    expect(a.duplicate).toBe(false);
    expect(again).toEqual({ received: true, duplicate: true, id: a.id });
    const later = await log.write(message('c1', 'dup-2'));
    expect(later).toEqual({ received: true, duplicate: true, id: b.id });
    expect(other.duplicate).toBe(false);
    expect((await outbox()).map((e) => e.provider_message_id)).toEqual(['dup-1', 'dup-2', 'dup-3']);
  });

  it('logs without an event a message that hands nothing over', async () => {
    const log = writer();
    const accepted = await log.write({ ...message('call-1', 'call-1:ringing'), event: () => null });
    const [row] = await sqlRows<{ state: string }>(dataSource, `SELECT state FROM "channel"."inbound_messages" WHERE id = $1`, [
      accepted.id,
    ]);
    expect(row.state).toBe('logged');
    expect(await outbox()).toEqual([]);
  });

  it('fails only the bad message of a group: the others are written one by one', async () => {
    const log = writer();
    const results = await Promise.allSettled([
      log.write(message('c1', 'ok-1')),
      log.write(message('c1', 'ok-2')),
      log.write(message('c1', 'x'.repeat(1_100))), // longer than the column allows
      log.write(message('c1', 'ok-3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await outbox()).map((e) => e.provider_message_id)).toEqual(['ok-1', 'ok-2', 'ok-3']);
  });

  it('refuses at once with 503 and a wait past INTAKE_MAX_PENDING waiting webhooks, and stores what it accepted', async () => {
    const log = writer({ intakeMaxPending: 5, intakeBatchSize: 2 });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => log.write(message('c1', `busy-${i}`))));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const error = r.reason as DomainError;
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.details).toEqual({ retryAfterSeconds: 1 });
    }
    const accepted = results.filter((r) => r.status === 'fulfilled').length;
    expect(accepted).toBeGreaterThanOrEqual(5);
    const [{ count }] = await sqlRows<{ count: number }>(dataSource, `SELECT count(*)::int AS count FROM "channel"."inbound_messages"`);
    expect(count).toBe(accepted);
  });
});

import { randomUUID } from 'node:crypto';
import {
  ChannelMessageHandledEvent,
  ChannelMessageHandledV1,
  ChannelMessagesHandledEvent,
  EventEnvelope,
  EVENTS,
} from '@helpdesk/contracts';
import {
  EventInbox,
  OutboxRelay,
  Runtime,
  sqlRows,
  startServiceScratchDatabase,
  UnitOfWork,
  type ScratchDatabase,
} from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { CHANNEL_DATABASE } from '../database/schema';
import { MailboxesService } from '../email/mailboxes.service';
import { EmailOutbox } from '../email/outbound/email-outbox';
import { DeliveryTransports } from '../outbound/delivery-transport';
import { OutboundSender } from '../outbound/outbound-sender';
import { MessageHandledConsumer } from './message-handled.consumer';

/**
 * ticket-service's word on inbound messages closes their log entries, on a real (embedded)
 * PostgreSQL: one message per event (`channel.message.handled`) or several (`channel.messages.handled`,
 * the plain comments of one of its batches), each entry once however often the event comes.
 */
describe('MessageHandledConsumer', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let consumer: MessageHandledConsumer;
  const channelId = randomUUID();
  const ticketId = randomUUID();

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('message-handled', CHANNEL_DATABASE);
    dataSource = scratch.dataSource;
    await dataSource.query(
      `INSERT INTO "channel"."channels" (id, type, name, settings, secret, active) VALUES ($1, 'chat', 'Chat', '{}', 's', true)`,
      [channelId],
    );
    const uow = new UnitOfWork(dataSource, { nudge: () => undefined } as unknown as OutboxRelay, { service: 'channel-gateway' } as Runtime);
    consumer = new MessageHandledConsumer(
      new EventInbox(dataSource, uow),
      { checkSoon: () => undefined } as unknown as MailboxesService,
      {} as EmailOutbox,
      { has: () => false } as unknown as DeliveryTransports,
      { nudge: () => undefined } as unknown as OutboundSender,
    );
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  /** Inbound messages handed over to ticket-service, waiting for its word. */
  const handedOver = async (count: number): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const id of ids) {
      await dataSource.query(
        `INSERT INTO "channel"."inbound_messages" (id, channel_id, provider_message_id, conversation_id, raw_body, received_at, state)
         VALUES ($1::uuid, $2, $1::text, 'conv', '{}', now(), 'handed_over')`,
        [id, channelId],
      );
    }
    return ids;
  };
  const handled = (inboundId: string, outcome: ChannelMessageHandledV1['outcome'] = 'comment'): ChannelMessageHandledV1 => ({
    inboundId,
    channelId,
    outcome,
    ticketId: outcome === 'ignored' ? null : ticketId,
    ticketNumber: outcome === 'ignored' ? null : 'HD-000042',
    ticketSubject: 'No puedo entrar',
    commentId: outcome === 'comment' ? randomUUID() : null,
    requester: outcome === 'ignored' ? null : { id: randomUUID(), email: 'ana@example.com', name: 'Ana', locale: 'es' },
    handledAt: '2026-12-07T10:00:00.000Z',
  });
  const envelope = <T, K extends string>(type: K, data: T): EventEnvelope<T, K> => ({
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'ticket-service',
    aggregateId: randomUUID(),
    data,
  });
  const entries = (ids: string[]) =>
    sqlRows<{ id: string; state: string; ticket_id: string | null; ticket_number: string | null; reason: string | null }>(
      dataSource,
      `SELECT id, state, ticket_id, ticket_number, reason FROM "channel"."inbound_messages" WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );

  it('closes every message of a channel.messages.handled event, once however often it comes', async () => {
    const ids = await handedOver(3);
    const batch = envelope(EVENTS.channel.messagesHandled, { messages: ids.map((id) => handled(id)) }) as ChannelMessagesHandledEvent;

    await consumer.onBatchesHandled([batch]);
    await consumer.onBatchesHandled([batch]);

    expect(await entries(ids)).toEqual(
      [...ids].sort().map((id) => ({ id, state: 'handled', ticket_id: ticketId, ticket_number: 'HD-000042', reason: null })),
    );
    const [{ n }] = await sqlRows<{ n: number }>(
      dataSource,
      `SELECT count(*)::int AS n FROM "channel"."processed_events" WHERE event_id = $1`,
      [batch.id],
    );
    expect(n).toBe(1);
  });

  it('closes single-message events as before, several per batch, an ignored one with its reason', async () => {
    const [commented, ignored] = await handedOver(2);
    const events = [
      envelope(EVENTS.channel.messageHandled, handled(commented)),
      envelope(EVENTS.channel.messageHandled, handled(ignored, 'ignored')),
    ] as ChannelMessageHandledEvent[];

    await consumer.onMessagesHandled(events);

    const rows = new Map((await entries([commented, ignored])).map((row) => [row.id, row]));
    expect(rows.get(commented)).toMatchObject({ state: 'handled', ticket_id: ticketId });
    expect(rows.get(ignored)).toMatchObject({ state: 'ignored', ticket_id: null, reason: 'nothing_to_thread' });
  });

  it('leaves an entry already closed as it is', async () => {
    const [id] = await handedOver(1);
    await consumer.onBatchesHandled([envelope(EVENTS.channel.messagesHandled, { messages: [handled(id, 'ignored')] })]);
    await consumer.onBatchesHandled([envelope(EVENTS.channel.messagesHandled, { messages: [handled(id)] })]);
    expect(await entries([id])).toEqual([expect.objectContaining({ state: 'ignored' })]);
  });
});

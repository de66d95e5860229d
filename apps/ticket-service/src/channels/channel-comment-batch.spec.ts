import { randomUUID } from 'node:crypto';
import { ChannelMessageReceivedEvent, ChannelType, EVENTS } from '@helpdesk/contracts';
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
import { TICKET_DATABASE } from '../database/schema';
import { ChannelCommentBatch } from './channel-comment-batch.service';

/** The batch path on a real PostgreSQL (embedded): what it writes, what it leaves to the one-by-one intake, and once only. */
describe('ChannelCommentBatch', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let batch: ChannelCommentBatch;
  const channelId = randomUUID();
  const requesterId = randomUUID();
  const ticketId = randomUUID();
  const CONSUMER = 'ticket.channel-messages';

  const event = (conversationId: string, text: string): ChannelMessageReceivedEvent => {
    const inboundId = randomUUID();
    return {
      id: randomUUID(),
      type: EVENTS.channel.messageReceived,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'channel-gateway',
      aggregateId: `${channelId}:${conversationId}`,
      data: {
        inboundId,
        channelId,
        channelType: ChannelType.Chat,
        providerMessageId: inboundId,
        conversationId,
        from: { id: 'visitor-1', name: 'Ana', email: 'ana@example.com' },
        text,
        attachments: [],
        sentAt: new Date().toISOString(),
        receivedAt: new Date().toISOString(),
      },
    };
  };

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('comment-batch', TICKET_DATABASE);
    dataSource = scratch.dataSource;
    await dataSource.query(`INSERT INTO "ticket"."users" (id, email, name, role) VALUES ($1, 'ana@example.com', 'Ana', 'customer')`, [
      requesterId,
    ]);
    await dataSource.query(
      `INSERT INTO "ticket"."tickets" (id, subject, description, status, priority, channel, requester_id, version)
       VALUES ($1, 'No puedo entrar', 'Desde ayer', 'open', 'normal', 'chat', $2, 1)`,
      [ticketId, requesterId],
    );
    await dataSource.query(
      `INSERT INTO "ticket"."channel_conversations" (channel_id, conversation_id, channel_type, ticket_id) VALUES ($1, 'known', 'chat', $2)`,
      [channelId, ticketId],
    );
    const relay = { nudge: () => undefined } as unknown as OutboxRelay;
    const uow = new UnitOfWork(dataSource, relay, { service: 'ticket-service' } as Runtime);
    batch = new ChannelCommentBatch(uow, new EventInbox(dataSource, uow));
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  it('writes the plain comments together, in order, searchable, and leaves a new conversation to the one-by-one intake', async () => {
    const known = ['primero', 'segundo', 'tercero'].map((text) => event('known', `Mensaje ${text}`));
    const fresh = event('new-one', 'Hola, soy nueva');
    const left = await batch.take(CONSUMER, [known[0], fresh, known[1], known[2]]);
    expect(left).toEqual([fresh]);

    const comments = await sqlRows<{ id: string; body: string; author_id: string; public: boolean }>(
      dataSource,
      `SELECT id, body, author_id, public FROM "ticket"."ticket_comments" WHERE ticket_id = $1 ORDER BY created_at, id`,
      [ticketId],
    );
    expect(comments.map((c) => c.body)).toEqual(['Mensaje primero', 'Mensaje segundo', 'Mensaje tercero']);
    expect(comments.every((c) => c.author_id === requesterId && c.public)).toBe(true);
    const history = await sqlRows<{ action: string; changes: { field: string; to: string }[] }>(
      dataSource,
      `SELECT action, changes FROM "ticket"."ticket_history" WHERE ticket_id = $1 ORDER BY id`,
      [ticketId],
    );
    expect(history.map((h) => [h.action, h.changes[0].field, h.changes[0].to])).toEqual(
      comments.map((c) => ['comment_added', 'publicReply', c.id]),
    );
    const [{ found }] = await sqlRows<{ found: boolean }>(
      dataSource,
      `SELECT $1 IN (SELECT id FROM ticket.pending_search_matches('entrar tercero', false) id) AS found`,
      [ticketId],
    );
    expect(found).toBe(true);

    const outbox = await sqlRows<{ type: string; payload: { data: Record<string, unknown> } }>(
      dataSource,
      `SELECT type, payload FROM "ticket"."outbox" ORDER BY seq`,
    );
    expect(outbox.filter((e) => e.type === EVENTS.ticket.commentAdded).map((e) => e.payload.data)).toEqual(
      comments.map((c) =>
        expect.objectContaining({ ticketId, commentId: c.id, authorId: requesterId, authorRole: 'requester', public: true }),
      ),
    );
    expect(outbox.filter((e) => e.type === EVENTS.channel.messageHandled)).toEqual([]);
    const handled = outbox.filter((e) => e.type === EVENTS.channel.messagesHandled);
    expect(handled).toHaveLength(1);
    expect(handled[0].payload.data.messages).toEqual(
      known.map((k, i) =>
        expect.objectContaining({
          inboundId: k.data.inboundId,
          outcome: 'comment',
          ticketId,
          commentId: comments[i].id,
          ticketSubject: 'No puedo entrar',
          requester: expect.objectContaining({ id: requesterId, email: 'ana@example.com' }),
        }),
      ),
    );
  });

  it('does nothing the second time the same events come (a redelivery)', async () => {
    const again = event('known', 'Una vez');
    await batch.take(CONSUMER, [again]);
    await batch.take(CONSUMER, [again, again]);
    const [{ n }] = await sqlRows<{ n: number }>(
      dataSource,
      `SELECT count(*)::int AS n FROM "ticket"."ticket_comments" WHERE ticket_id = $1 AND body = 'Una vez'`,
      [ticketId],
    );
    expect(n).toBe(1);
  });

  it('leaves a reply that would reopen the ticket to the one-by-one intake', async () => {
    await dataSource.query(`UPDATE "ticket"."tickets" SET status = 'solved' WHERE id = $1`, [ticketId]);
    const reply = event('known', 'Vuelve a fallar');
    expect(await batch.take(CONSUMER, [reply])).toEqual([reply]);
    await dataSource.query(`UPDATE "ticket"."tickets" SET status = 'open' WHERE id = $1`, [ticketId]);
  });
});

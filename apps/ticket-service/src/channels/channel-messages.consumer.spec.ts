import { randomUUID } from 'node:crypto';
import { ChannelMessageReceivedEvent, ChannelType, EVENTS } from '@helpdesk/contracts';
import { EventInbox, Transaction } from '@helpdesk/platform';
import { TicketServiceConfig } from '../config/ticket-service.config';
import { ChannelCommentBatch } from './channel-comment-batch.service';
import { ChannelIntakeService } from './channel-intake.service';
import { ChannelMessagesConsumer } from './channel-messages.consumer';
import { InboundFilesFetcher } from './inbound-files.fetcher';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function event(conversationId: string, text: string, email = false): ChannelMessageReceivedEvent {
  const inboundId = randomUUID();
  return {
    id: randomUUID(),
    type: EVENTS.channel.messageReceived,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'channel-gateway',
    aggregateId: `ch:${conversationId}`,
    data: {
      inboundId,
      channelId: 'ch',
      channelType: email ? ChannelType.Email : ChannelType.Chat,
      providerMessageId: inboundId,
      conversationId,
      from: { id: conversationId, name: 'Ana', email: null },
      text,
      attachments: [],
      sentAt: new Date().toISOString(),
      receivedAt: new Date().toISOString(),
      ...(email ? { email: { messageId: `<${text}@example.com>` } as never } : {}),
    },
  };
}

/** The consumer with the one-by-one intake recorded (what runs at once, in which order); the batch path takes nothing. */
function consumerWith(concurrency: number) {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const intake = {
    receive: async (_tx: Transaction, message: ChannelMessageReceivedEvent['data']) => {
      running += 1;
      most = Math.max(most, running);
      log.push(`start ${message.text}`);
      for (let i = 0; i < 3; i += 1) await tick();
      log.push(`end ${message.text}`);
      running -= 1;
      return { outcome: 'ignored', ticketId: null, ticketNumber: null, commentId: null, requester: null };
    },
  } as unknown as ChannelIntakeService;
  const tx = { manager: { query: () => Promise.resolve([]) }, emit: () => undefined } as unknown as Transaction;
  const inbox = { process: async (_c: string, _e: unknown, work: (t: Transaction) => Promise<void>) => (await work(tx), true) };
  const consumer = new ChannelMessagesConsumer(
    inbox as unknown as EventInbox,
    intake,
    { fetch: () => Promise.resolve(new Map()) } as unknown as InboundFilesFetcher,
    { take: (_c: string, events: ChannelMessageReceivedEvent[]) => Promise.resolve(events) } as unknown as ChannelCommentBatch,
    { channelIntakeConcurrency: concurrency } as TicketServiceConfig,
  );
  return { consumer, log, most: () => most };
}

describe('ChannelMessagesConsumer: what the batch path leaves', () => {
  it('runs different conversations side by side, up to CHANNEL_INTAKE_CONCURRENCY, each conversation in order', async () => {
    const { consumer, log, most } = consumerWith(3);
    const events = ['a', 'b', 'c', 'd'].flatMap((c) => [event(c, `${c}1`), event(c, `${c}2`)]);
    await consumer.onMessagesReceived(events);
    expect(most()).toBe(3);
    for (const c of ['a', 'b', 'c', 'd']) expect(log.indexOf(`start ${c}2`)).toBeGreaterThan(log.indexOf(`end ${c}1`));
    expect(log.filter((line) => line.startsWith('end'))).toHaveLength(8);
  });

  it('takes email one message at a time, in stream order, whatever its conversation', async () => {
    const { consumer, log, most } = consumerWith(4);
    await consumer.onMessagesReceived([event('m1', 'mail1', true), event('m2', 'mail2', true), event('m3', 'mail3', true)]);
    expect(most()).toBe(1);
    expect(log).toEqual(['start mail1', 'end mail1', 'start mail2', 'end mail2', 'start mail3', 'end mail3']);
  });
});

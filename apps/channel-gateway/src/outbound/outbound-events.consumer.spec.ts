import { EventEnvelope, EVENTS } from '@helpdesk/contracts';
import { EventInbox, Transaction } from '@helpdesk/platform';
import { DataSource, EntityManager } from 'typeorm';
import { EmailOutbox } from '../email/outbound/email-outbox';
import { DeliveryTransports } from './delivery-transport';
import { OutboundEventsConsumer } from './outbound-events.consumer';
import { NewDelivery, OutboundSender } from './outbound-sender';

const event = (type: string, n: number): EventEnvelope => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type,
  version: 1,
  occurredAt: '2026-12-07T03:00:00.000Z',
  source: 'ticket-service',
  aggregateId: `ticket-${n}`,
  data: { n },
});

/** Subscription matching with fakes: what the consumer writes, and when it does not open a transaction at all. */
describe('OutboundEventsConsumer, events to subscriptions', () => {
  let subscriptions: { id: string; events: string[] }[];
  let lookups: unknown[][];
  let batches: number;
  let enqueued: NewDelivery[];

  const manager = {
    query: (_sql: string, params: unknown[]) => {
      lookups.push(params);
      const types = params[0] as string[];
      return Promise.resolve(subscriptions.filter((s) => s.events.some((e) => types.includes(e))));
    },
  } as unknown as EntityManager;
  const inbox = {
    processBatch: async (_consumer: string, events: EventEnvelope[], work: (tx: Transaction, fresh: EventEnvelope[]) => Promise<void>) => {
      batches += 1;
      await work({ manager } as Transaction, events);
      return events.length;
    },
  } as unknown as EventInbox;
  const sender = {
    enqueue: (_manager: EntityManager, deliveries: NewDelivery[]) => {
      enqueued.push(...deliveries);
      return Promise.resolve(deliveries.length);
    },
    nudge: () => undefined,
  } as unknown as OutboundSender;
  const consumer = new OutboundEventsConsumer(
    { manager } as unknown as DataSource,
    inbox,
    sender,
    {} as DeliveryTransports,
    {} as EmailOutbox,
  );

  beforeEach(() => {
    subscriptions = [];
    lookups = [];
    batches = 0;
    enqueued = [];
  });

  it('acknowledges a batch no subscription lists after one lookup, without a transaction or inbox rows', async () => {
    subscriptions = [{ id: 's-sla', events: [EVENTS.sla.breached] }];
    await consumer.onCommentAdded([event(EVENTS.ticket.commentAdded, 1), event(EVENTS.ticket.commentAdded, 2)]);
    expect(lookups).toEqual([[[EVENTS.ticket.commentAdded, '*']]]);
    expect(batches).toBe(0);
    expect(enqueued).toEqual([]);
  });

  it('makes one delivery per event and listing subscription (or `*`) inside the inbox transaction', async () => {
    subscriptions = [
      { id: 's-comments', events: [EVENTS.ticket.commentAdded] },
      { id: 's-all', events: ['*'] },
      { id: 's-sla', events: [EVENTS.sla.breached] },
    ];
    const events = [event(EVENTS.ticket.commentAdded, 1), event(EVENTS.ticket.commentAdded, 2)];
    await consumer.onCommentAdded(events);
    expect(lookups).toHaveLength(1);
    expect(batches).toBe(1);
    expect(enqueued.map((d) => d.dedupeKey)).toEqual([
      `event:s-comments:${events[0].id}`,
      `event:s-all:${events[0].id}`,
      `event:s-comments:${events[1].id}`,
      `event:s-all:${events[1].id}`,
    ]);
    expect(enqueued.every((d) => d.kind === 'subscription' && d.transport === 'http' && d.eventType === EVENTS.ticket.commentAdded)).toBe(
      true,
    );
  });
});

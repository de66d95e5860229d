/** Every domain event has this envelope; `data` is versioned by `version`. */
export interface EventEnvelope<TData = unknown, TType extends string = string> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  source: string;
  /** The aggregate the event is about (a ticket id, ...): events of one aggregate keep their order. */
  aggregateId: string;
  requestId?: string;
  data: TData;
}

export * from './outbox-relay';
export * from './unit-of-work';
export * from './outbox-metrics';

export * from './outbox-relay';
export * from './unit-of-work';

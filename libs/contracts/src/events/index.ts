export * from './event-envelope';
export * from './ticket-events';

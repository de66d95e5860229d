export * from './event-envelope';
export * from './ticket-events';
export * from './kb-article-events';
export * from './kb-events';

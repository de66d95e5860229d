export * from './event-inbox';
export * from './database-parking-lot';
export * from './parking-lot';

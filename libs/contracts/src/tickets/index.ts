export * from './ticket.dto';
export * from './ticket.commands';
export * from './ticket-number';
export * from './routing.dto';
export * from './presence.dto';
export * from './bulk.dto';
export * from './csat.dto';
export * from './merge.dto';

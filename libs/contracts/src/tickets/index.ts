export * from './ticket.dto';
export * from './ticket.commands';
export * from './ticket-number';
export * from './routing.dto';

export * from './calendar.dto';
export * from './sla-policy.dto';
export * from './sla-events';
export * from './ticket-sla.dto';
export * from './sla-simulation.dto';

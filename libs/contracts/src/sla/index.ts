export * from './calendar.dto';
export * from './sla-policy.dto';

export * from './common';
export * from './subjects';
export * from './events';
export * from './tickets';
export * from './directory';
export * from './reports';
export * from './sla';
export * from './ops';

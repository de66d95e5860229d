export * from './periodic-task';
export * from './retention.job';

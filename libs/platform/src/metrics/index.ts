export * from './cached-sample';
export * from './labels';
export * from './platform-metrics';
export * from './http-metrics';
export * from './metered-bus-client';
export * from './metrics.module';

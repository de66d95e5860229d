export * from './clock';
export * from './test-clock.handler';

export * from './problem-details';
export * from './send-problem';
export * from './http-app';
export * from './acceptors';

export * from './problem-details';
export * from './problem-details.filter';
export * from './http-app';

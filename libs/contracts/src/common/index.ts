export * from './enums';
export * from './errors';
export * from './api-key-scopes';
export * from './actor';
export * from './command';
export * from './page';
export * from './problem.dto';
export * from './validation';

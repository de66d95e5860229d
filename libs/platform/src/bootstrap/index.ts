export * from './app-definition';
export * from './bootstrap';

export * from './domain-error';
export * from './validation';
export * from './platform-exception.filter';
export * from './validation-metadata-cache';

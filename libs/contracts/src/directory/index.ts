export * from './user.dto';
export * from './organization.dto';
export * from './team.dto';
export * from './api-key-format';
export * from './api-key.dto';

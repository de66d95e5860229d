export * from './user.dto';
export * from './organization.dto';
export * from './team.dto';

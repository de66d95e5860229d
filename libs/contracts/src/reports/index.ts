export * from './summary.dto';
export * from './rebuild.dto';

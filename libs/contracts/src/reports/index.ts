export * from './summary.dto';
export * from './rebuild.dto';
export * from './export.dto';
export * from './odata.dto';

export * from './summary.dto';

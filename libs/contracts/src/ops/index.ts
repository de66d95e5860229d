export * from './parked-events.dto';

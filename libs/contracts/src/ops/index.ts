export * from './parked-events.dto';
export * from './test-clock.dto';

import { Injectable } from '@nestjs/common';

/**
 * The suite's time. Everything that stamps or compares instants for business rules (event times,
 * SLA due work) asks this clock, so that end-to-end tests can move time forward instead of
 * sleeping. Moving it is possible only with TEST_CLOCK=true; production runs on the system time.
 */
let offsetMs = 0;
let movable = false;

/** Lets tests move this process's clock (an app started with TEST_CLOCK=true calls it). */
export function enableTestClock(): void {
  movable = true;
}

/** Whether this process lets tests move its clock. */
export function testClockEnabled(): boolean {
  return movable;
}

/** The current instant of the suite's clock. */
export function currentTime(): Date {
  return new Date(Date.now() + offsetMs);
}

/** How far a test has moved this process's clock ahead of the system time. */
export function clockOffsetMs(): number {
  return offsetMs;
}

/** Moves the clock to `offset` ms ahead of the system time (never backwards: time only moves forward). */
export function setClockOffset(offset: number): number {
  if (!movable) throw new Error('the clock can only be moved with TEST_CLOCK=true');
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`a clock offset is a whole number of ms ≥ 0, not ${offset}`);
  offsetMs = Math.max(offsetMs, offset);
  return offsetMs;
}

/** The clock as an injectable, for services that take their time source by constructor. */
@Injectable()
export class Clock {
  now(): Date {
    return currentTime();
  }
}

import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The suite's time. Everything that stamps or compares instants for business rules (event times,
 * SLA due work) asks this clock, so that end-to-end tests can move time forward instead of
 * sleeping. Moving it is possible only with TEST_CLOCK=true; production runs on the system time.
 */
let offsetMs = 0;
let movable = false;
/** Where the processes of a distributed test share the offset (TEST_CLOCK_FILE) */
let sharedFile: string | null = null;

/**
 * Lets tests move this process's clock (an app started with TEST_CLOCK=true calls it). With a
 * file, every process of the suite on this machine shares the offset: the gateway writes it, the
 * others read it at every reading of the clock (replicas included, and a process restarted later;
 * a test-only cost of a small file read).
 */
export function enableTestClock(file?: string): void {
  movable = true;
  sharedFile = file ?? null;
}

function readSharedOffset(): void {
  if (!sharedFile) return;
  try {
    const shared = Number(readFileSync(sharedFile, 'utf8'));
    if (Number.isSafeInteger(shared) && shared > offsetMs) offsetMs = shared;
  } catch {
    // No file yet: the clock has not been moved.
  }
}

/** Whether this process lets tests move its clock. */
export function testClockEnabled(): boolean {
  return movable;
}

/** The current instant of the suite's clock. */
export function currentTime(): Date {
  readSharedOffset();
  return new Date(Date.now() + offsetMs);
}

/** How far a test has moved this process's clock ahead of the system time. */
export function clockOffsetMs(): number {
  readSharedOffset();
  return offsetMs;
}

/** Moves the clock to `offset` ms ahead of the system time (never backwards: time only moves forward). */
export function setClockOffset(offset: number): number {
  if (!movable) throw new Error('the clock can only be moved with TEST_CLOCK=true');
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`a clock offset is a whole number of ms ≥ 0, not ${offset}`);
  readSharedOffset();
  offsetMs = Math.max(offsetMs, offset);
  if (sharedFile) {
    writeFileSync(`${sharedFile}.tmp`, String(offsetMs));
    renameSync(`${sharedFile}.tmp`, sharedFile);
  }
  return offsetMs;
}

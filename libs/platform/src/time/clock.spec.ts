import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type ClockModule = typeof import('./clock');

/** A fresh copy of the clock module: each stands for one process. */
function process(): ClockModule {
  let mod: ClockModule | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<ClockModule>('./clock');
  });
  return mod!;
}

describe('the suite clock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'clock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs on the system time and cannot be moved without TEST_CLOCK', () => {
    const clock = process();
    expect(Math.abs(clock.currentTime().getTime() - Date.now())).toBeLessThan(50);
    expect(() => clock.setClockOffset(1000)).toThrow(/TEST_CLOCK=true/);
  });

  it('moves forward only, by whole milliseconds', () => {
    const clock = process();
    clock.enableTestClock();
    expect(clock.setClockOffset(3_600_000)).toBe(3_600_000);
    expect(clock.setClockOffset(60_000)).toBe(3_600_000);
    expect(clock.currentTime().getTime() - Date.now()).toBeGreaterThan(3_599_000);
    expect(() => clock.setClockOffset(-1)).toThrow(RangeError);
    expect(() => clock.setClockOffset(1.5)).toThrow(RangeError);
  });

  it('is shared by the processes of a suite through TEST_CLOCK_FILE, including one started later', () => {
    const file = join(dir, 'test-clock');
    const [gateway, service] = [process(), process()];
    gateway.enableTestClock(file);
    service.enableTestClock(file);
    gateway.setClockOffset(7_200_000);
    expect(service.clockOffsetMs()).toBe(7_200_000);
    const restarted = process();
    restarted.enableTestClock(file);
    expect(restarted.clockOffsetMs()).toBe(7_200_000);
  });
});

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** Ten years: as far as a test may move the clock. */
export const MAX_CLOCK_OFFSET_MS = 10 * 366 * 24 * 3_600_000;

/** Moves the suite's clock (only where TEST_CLOCK=true): end-to-end tests drive time instead of sleeping. */
export class SetTestClockDto {
  @ApiProperty({
    example: 3_600_000,
    minimum: 0,
    maximum: MAX_CLOCK_OFFSET_MS,
    description: 'How far ahead of the system time, in ms; never less than before',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_CLOCK_OFFSET_MS)
  offsetMs: number;
}

export class TestClockView {
  @ApiProperty({ example: 3_600_000 }) offsetMs: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-23T17:00:00.000Z' }) now: string;
}

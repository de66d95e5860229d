import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../common/command';
import { IsOptionalNonNull } from '../common/validation';

/**
 * Local opening hours 'HH:MM'–'HH:MM'; `end` may be '24:00'. An end not after the start (22:00–06:00)
 * is an overnight shift belonging to the day it starts. Formats and overlaps are checked by the
 * sla-service, which answers them field by field (`weeklyHours.1[0].end`).
 */
export class OpeningIntervalDto {
  @ApiProperty({ example: '09:00', description: 'HH:MM, 00:00 to 23:59' })
  @IsString()
  @MaxLength(5)
  start: string;

  @ApiProperty({ example: '18:00', description: 'HH:MM, 00:00 to 24:00; not after start: the shift ends the next day' })
  @IsString()
  @MaxLength(5)
  end: string;
}

const DAY_EXAMPLE = [
  { start: '09:00', end: '14:00' },
  { start: '15:00', end: '18:00' },
];

function Day(name: string) {
  return (target: object, key: string) => {
    ApiPropertyOptional({
      type: [OpeningIntervalDto],
      example: DAY_EXAMPLE,
      description: `${name}: the day's intervals (absent or empty: closed)`,
    })(target, key);
    IsOptionalNonNull()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(24)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => OpeningIntervalDto)(target, key);
  };
}

/** Opening hours by weekday, "0" = Sunday … "6" = Saturday. Every day 00:00–24:00 is 24×7. */
export class WeeklyHoursDto {
  @Day('Sunday') '0'?: OpeningIntervalDto[];
  @Day('Monday') '1'?: OpeningIntervalDto[];
  @Day('Tuesday') '2'?: OpeningIntervalDto[];
  @Day('Wednesday') '3'?: OpeningIntervalDto[];
  @Day('Thursday') '4'?: OpeningIntervalDto[];
  @Day('Friday') '5'?: OpeningIntervalDto[];
  @Day('Saturday') '6'?: OpeningIntervalDto[];
}

/** A holiday (closed all day): on one `date`, or every year on `month` and `day` (not both). */
export class HolidayDto {
  @ApiPropertyOptional({ example: '2026-04-02', description: 'A single date, YYYY-MM-DD' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(10)
  date?: string;

  @ApiPropertyOptional({ example: 12, description: 'Yearly: the month, 1–12' })
  @IsOptionalNonNull()
  @IsInt()
  month?: number;

  @ApiPropertyOptional({ example: 25, description: 'Yearly: the day of the month (29 February applies in leap years only)' })
  @IsOptionalNonNull()
  @IsInt()
  day?: number;

  @ApiPropertyOptional({ example: 'Navidad', maxLength: 200 })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(200)
  name?: string;
}

const WEEKLY_EXAMPLE = { '1': [{ start: '09:00', end: '18:00' }], '5': [{ start: '22:00', end: '06:00' }] };
const HOLIDAYS_EXAMPLE = [
  { month: 12, day: 25, name: 'Navidad' },
  { date: '2026-04-02', name: 'Jueves Santo' },
];

export class CreateCalendarDto {
  @ApiProperty({ example: 'Madrid, laborables 9–18', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Europe/Madrid', description: 'An IANA time zone; the hours and holidays are local to it' })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({ type: WeeklyHoursDto, example: WEEKLY_EXAMPLE })
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  weeklyHours: WeeklyHoursDto;

  @ApiPropertyOptional({ type: [HolidayDto], example: HOLIDAYS_EXAMPLE, default: [] })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays?: HolidayDto[];
}

/** Every field given replaces the stored one as a whole. */
export class UpdateCalendarDto {
  @ApiPropertyOptional({ example: 'Madrid, laborables 9–18', maxLength: 200 })
  @IsOptionalNonNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Madrid' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ type: WeeklyHoursDto, example: WEEKLY_EXAMPLE })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  weeklyHours?: WeeklyHoursDto;

  @ApiPropertyOptional({ type: [HolidayDto], example: HOLIDAYS_EXAMPLE })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays?: HolidayDto[];
}

export class CalendarView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Madrid, laborables 9–18' }) name: string;
  @ApiProperty({ example: 'Europe/Madrid' }) timeZone: string;
  @ApiProperty({ type: WeeklyHoursDto, example: WEEKLY_EXAMPLE }) weeklyHours: WeeklyHoursDto;
  @ApiProperty({ type: [HolidayDto], example: HOLIDAYS_EXAMPLE }) holidays: HolidayDto[];
  @ApiProperty({ example: 1, description: 'Goes up with every change' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateCalendarCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateCalendarDto)
  calendar: CreateCalendarDto;
}

export class UpdateCalendarCommand extends ActorCommand {
  @IsUUID()
  id: string;

  /** From If-Match: the version the caller read (412 when the calendar changed since) */
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  @IsObject()
  @ValidateNested()
  @Type(() => UpdateCalendarDto)
  changes: UpdateCalendarDto;
}

export class CalendarRefCommand extends ActorCommand {
  @IsUUID()
  id: string;
}

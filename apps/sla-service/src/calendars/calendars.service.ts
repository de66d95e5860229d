import { randomUUID } from 'node:crypto';
import { Actor, CalendarView, CreateCalendarDto, ErrorCode, HolidayDto, UpdateCalendarDto, WeeklyHoursDto } from '@helpdesk/contracts';
import { DomainError, sqlRows, UnitOfWork } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAdmin, assertStaff, plain } from '../common/sla-errors';
import { CalendarReschedules, requestReschedule } from '../engine/calendar-reschedules';
import { BusinessCalendar, validateCalendar } from './business-calendar';

interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  weekly_hours: WeeklyHoursDto;
  holidays: HolidayDto[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toView(row: CalendarRow): CalendarView {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    weeklyHours: row.weekly_hours,
    holidays: row.holidays,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The calendar as the business-time arithmetic reads it. */
export function toBusinessCalendar(calendar: { timeZone: string; weeklyHours: WeeklyHoursDto; holidays: HolidayDto[] }): BusinessCalendar {
  return {
    timeZone: calendar.timeZone,
    weeklyHours: calendar.weeklyHours,
    holidays: calendar.holidays as BusinessCalendar['holidays'],
  };
}

/** A 400 with one error per field when the calendar cannot be used (zone, hours, overlaps, holidays). */
function assertValid(calendar: { timeZone: string; weeklyHours: WeeklyHoursDto; holidays: HolidayDto[] }): void {
  const errors = validateCalendar(toBusinessCalendar(calendar));
  if (errors.length) throw DomainError.validation(errors);
}

/**
 * Business calendars: weekly opening hours in an IANA time zone, and holidays. Policies refer to
 * a calendar by id, so a change to a calendar applies to every policy using it, running clocks
 * included (a calendar describes when the team works, not a promise made to one ticket).
 */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly reschedules: CalendarReschedules,
  ) {}

  async create(actor: Actor, dto: CreateCalendarDto): Promise<CalendarView> {
    assertAdmin(actor, 'create business calendars');
    const calendar = { timeZone: dto.timeZone, weeklyHours: plain(dto.weeklyHours), holidays: plain(dto.holidays ?? []) };
    assertValid(calendar);
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO "sla"."calendars" (id, name, time_zone, weekly_hours, holidays) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
      [id, dto.name.trim(), calendar.timeZone, JSON.stringify(calendar.weeklyHours), JSON.stringify(calendar.holidays)],
    );
    return this.get(actor, id);
  }

  async list(actor: Actor): Promise<CalendarView[]> {
    assertStaff(actor, 'read business calendars');
    const rows = await sqlRows<CalendarRow>(this.dataSource, `SELECT * FROM "sla"."calendars" ORDER BY name, id`);
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<CalendarView> {
    assertStaff(actor, 'read business calendars');
    const [row] = await sqlRows<CalendarRow>(this.dataSource, `SELECT * FROM "sla"."calendars" WHERE id = $1`, [id]);
    if (!row) throw DomainError.notFound('Calendar', id);
    return toView(row);
  }

  async update(actor: Actor, id: string, changes: UpdateCalendarDto, expectedVersion?: number): Promise<CalendarView> {
    assertAdmin(actor, 'change business calendars');
    await this.uow.run(async ({ manager }) => {
      const [row] = await sqlRows<CalendarRow>(manager, `SELECT * FROM "sla"."calendars" WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw DomainError.notFound('Calendar', id);
      if (expectedVersion !== undefined && row.version !== expectedVersion)
        throw new DomainError(ErrorCode.PreconditionFailed, `The calendar is at version ${row.version}, not ${expectedVersion}`, {
          currentVersion: row.version,
        });
      const calendar = {
        timeZone: changes.timeZone ?? row.time_zone,
        weeklyHours: changes.weeklyHours ? plain(changes.weeklyHours) : row.weekly_hours,
        holidays: changes.holidays ? plain(changes.holidays) : row.holidays,
      };
      assertValid(calendar);
      await manager.query(
        `UPDATE "sla"."calendars" SET name = $2, time_zone = $3, weekly_hours = $4::jsonb, holidays = $5::jsonb,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, changes.name?.trim() ?? row.name, calendar.timeZone, JSON.stringify(calendar.weeklyHours), JSON.stringify(calendar.holidays)],
      );
      await requestReschedule(manager, id);
    });
    this.reschedules.nudge();
    return this.get(actor, id);
  }

  /** Deletes a calendar no policy uses now and no running clock counts by; one in use answers 409 naming the policies or the tickets. */
  async delete(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor, 'delete business calendars');
    await this.uow.run(async ({ manager }) => {
      const [row] = await sqlRows<CalendarRow>(manager, `SELECT id FROM "sla"."calendars" WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw DomainError.notFound('Calendar', id);
      const users = await sqlRows<{ id: string; name: string }>(
        manager,
        `SELECT p.id, p.name FROM "sla"."policies" p
           JOIN "sla"."policy_versions" v ON v.policy_id = p.id AND v.version = p.current_version
          WHERE p.deleted_at IS NULL AND v.calendar_id = $1
          ORDER BY p.position, p.name`,
        [id],
      );
      if (users.length)
        throw new DomainError(ErrorCode.Conflict, `The calendar is used by SLA policies: ${users.map((p) => p.name).join(', ')}`, {
          policies: users,
        });
      // Older policy versions may still count running clocks by it.
      const [{ tickets }] = await sqlRows<{ tickets: number }>(
        manager,
        `SELECT count(*)::int AS tickets FROM "sla"."ticket_slas" t
           JOIN "sla"."policy_versions" v ON v.policy_id = t.policy_id AND v.version = t.policy_version
          WHERE t.live AND v.calendar_id = $1`,
        [id],
      );
      if (tickets)
        throw new DomainError(ErrorCode.Conflict, `The calendar counts the running SLA clocks of ${tickets} ticket(s)`, { tickets });
      await manager.query(`DELETE FROM "sla"."calendars" WHERE id = $1`, [id]);
    });
  }
}

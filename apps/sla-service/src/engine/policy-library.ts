import { HolidayDto, SlaConditionsDto, WeeklyHoursDto } from '@helpdesk/contracts';
import { sqlRows } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { compileCalendar } from '../calendars/business-calendar';
import { nextBusinessInstant } from '../calendars/business-time';
import { toBusinessCalendar } from '../calendars/calendars.service';
import { businessTime, TimeMeasure } from '../clocks/sla-clock';
import { firstMatchingPolicy } from '../policies/policy-matching';
import { SlaPolicyDefinition } from '../policies/policy-validation';
import { PolicyBook, PolicyRef, SlaTicketFacts } from './ticket-sla';

interface MatchablePolicy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: SlaConditionsDto;
  version: number;
}

interface CachedCalendar {
  version: number;
  measure: TimeMeasure;
  opening: (at: Date) => Date;
  checkedAt: number;
}

/** How often a cached calendar's version is checked against the database (a change applies to running clocks). */
const CALENDAR_RECHECK_MS = 1_000;

const key = (ref: PolicyRef) => `${ref.id}:${ref.version}`;

/**
 * Policies and calendars for the engine, loaded before a transaction's synchronous arithmetic.
 * Policy versions never change, so they are cached for good; the list used for matching is read
 * each time (a policy saved a moment ago applies to the next ticket); calendars are cached with
 * their version and re-checked at most once a second.
 */
@Injectable()
export class PolicyLibrary {
  private readonly definitions = new Map<string, SlaPolicyDefinition>();
  private readonly calendars = new Map<string, CachedCalendar>();

  constructor(private readonly dataSource: DataSource) {}

  /** A book that knows `refs` (and, with `matching`, every active policy to match new facts against). */
  async book(
    refs: (PolicyRef | null)[],
    options: { matching: boolean; manager?: EntityManager } = { matching: false },
  ): Promise<PolicyBook> {
    const db = options.manager ?? this.dataSource;
    const policies = options.matching
      ? await sqlRows<MatchablePolicy>(
          db,
          `SELECT id, name, position, active, conditions, current_version AS version FROM "sla"."policies" WHERE deleted_at IS NULL AND active`,
        )
      : [];
    const wanted = [...refs.filter((r): r is PolicyRef => !!r), ...policies.map((p) => ({ id: p.id, version: p.version }))];
    await this.loadDefinitions(db, wanted);
    const calendarIds = new Set(wanted.map((ref) => this.definitions.get(key(ref))?.calendarId).filter((id): id is string => !!id));
    await this.loadCalendars(db, [...calendarIds]);
    return {
      match: (facts: SlaTicketFacts) => {
        const policy = firstMatchingPolicy(facts, policies);
        return policy ? { id: policy.id, version: policy.version } : null;
      },
      definition: (ref) => {
        const definition = this.definitions.get(key(ref));
        if (!definition) throw new Error(`SLA policy version ${key(ref)} was not loaded`);
        return definition;
      },
      businessTime: (calendarId) => this.calendars.get(calendarId)?.measure ?? null,
      opening: (calendarId) => this.calendars.get(calendarId)?.opening ?? null,
    };
  }

  /** Business time and openings of calendars (a draft policy's, for a simulation); null for a calendar that is gone. */
  async calendarTimes(calendarIds: string[]): Promise<Pick<PolicyBook, 'businessTime' | 'opening'>> {
    await this.loadCalendars(this.dataSource, calendarIds);
    return {
      businessTime: (calendarId) => this.calendars.get(calendarId)?.measure ?? null,
      opening: (calendarId) => this.calendars.get(calendarId)?.opening ?? null,
    };
  }

  /** Names of policies, for views. */
  async names(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await sqlRows<{ id: string; name: string }>(
      this.dataSource,
      `SELECT id, name FROM "sla"."policies" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Forget a calendar at once (this replica changed it). */
  calendarChanged(calendarId: string): void {
    this.calendars.delete(calendarId);
  }

  private async loadDefinitions(db: DataSource | EntityManager, refs: PolicyRef[]): Promise<void> {
    const missing = [...new Map(refs.filter((ref) => !this.definitions.has(key(ref))).map((ref) => [key(ref), ref])).values()];
    if (!missing.length) return;
    const rows = await sqlRows<{ policy_id: string; version: number; definition: SlaPolicyDefinition }>(
      db,
      `SELECT v.policy_id, v.version, v.definition FROM "sla"."policy_versions" v
         JOIN unnest($1::uuid[], $2::int[]) AS w(policy_id, version) ON w.policy_id = v.policy_id AND w.version = v.version`,
      [missing.map((r) => r.id), missing.map((r) => r.version)],
    );
    for (const row of rows) this.definitions.set(`${row.policy_id}:${row.version}`, row.definition);
  }

  private async loadCalendars(db: DataSource | EntityManager, ids: string[]): Promise<void> {
    const now = Date.now();
    const stale = ids.filter((id) => {
      const cached = this.calendars.get(id);
      return !cached || now - cached.checkedAt > CALENDAR_RECHECK_MS;
    });
    if (!stale.length) return;
    const versions = await sqlRows<{ id: string; version: number }>(
      db,
      `SELECT id, version FROM "sla"."calendars" WHERE id = ANY($1::uuid[])`,
      [stale],
    );
    const changed: string[] = [];
    for (const { id, version } of versions) {
      const cached = this.calendars.get(id);
      if (cached && cached.version === version) cached.checkedAt = now;
      else changed.push(id);
    }
    if (!changed.length) return;
    const rows = await sqlRows<{ id: string; version: number; time_zone: string; weekly_hours: WeeklyHoursDto; holidays: HolidayDto[] }>(
      db,
      `SELECT id, version, time_zone, weekly_hours, holidays FROM "sla"."calendars" WHERE id = ANY($1::uuid[])`,
      [changed],
    );
    for (const row of rows) {
      const calendar = compileCalendar(
        toBusinessCalendar({ timeZone: row.time_zone, weeklyHours: row.weekly_hours, holidays: row.holidays }),
      );
      this.calendars.set(row.id, {
        version: row.version,
        measure: businessTime(calendar),
        opening: (at) => nextBusinessInstant(calendar, at),
        checkedAt: now,
      });
    }
  }
}

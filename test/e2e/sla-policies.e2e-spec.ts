import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

const WEEKDAYS_9_TO_18 = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '18:00' }]]));
const ALWAYS_OPEN = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('SLA calendars and policies', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);

  const post = (path: string, body: object, token = suite.admin) => suite.api().post(path).set(bearer(token)).send(body);
  const patch = (path: string, body: object, token = suite.admin) => suite.api().patch(path).set(bearer(token)).send(body);
  const get = (path: string, token = suite.admin) => suite.api().get(path).set(bearer(token));
  const createCalendar = async (body: object) => (await post('/api/v1/sla/calendars', body).expect(201)).body;
  const createPolicy = async (body: object) => (await post('/api/v1/sla/policies', body).expect(201)).body;
  const fieldsOf = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  describe('calendars', () => {
    it('creates, reads, lists, changes and deletes a calendar with split days, a night shift and holidays', async () => {
      const calendar = await createCalendar({
        name: `Madrid ${run}`,
        timeZone: 'Europe/Madrid',
        weeklyHours: {
          '1': [
            { start: '09:00', end: '14:00' },
            { start: '15:00', end: '18:00' },
          ],
          '5': [{ start: '22:00', end: '06:00' }],
          '6': [{ start: '07:00', end: '12:00' }],
        },
        holidays: [{ month: 12, day: 25, name: 'Navidad' }, { date: '2026-04-02' }],
      });
      expect(calendar).toMatchObject({ name: `Madrid ${run}`, timeZone: 'Europe/Madrid', version: 1 });
      expect(calendar.weeklyHours['5']).toEqual([{ start: '22:00', end: '06:00' }]);
      expect(calendar.holidays).toEqual([{ month: 12, day: 25, name: 'Navidad' }, { date: '2026-04-02' }]);

      expect((await get(`/api/v1/sla/calendars/${calendar.id}`).expect(200)).body).toEqual(calendar);
      const list = await get('/api/v1/sla/calendars').expect(200);
      expect(list.body.map((c: { id: string }) => c.id)).toContain(calendar.id);

      const changed = await patch(`/api/v1/sla/calendars/${calendar.id}`, { timeZone: 'America/Mexico_City', holidays: [] }).expect(200);
      expect(changed.body).toMatchObject({ timeZone: 'America/Mexico_City', holidays: [], version: 2, weeklyHours: calendar.weeklyHours });

      await suite.api().delete(`/api/v1/sla/calendars/${calendar.id}`).set(bearer(suite.admin)).expect(204);
      expectProblem(await get(`/api/v1/sla/calendars/${calendar.id}`), 404, 'NOT_FOUND');
    });

    it('takes a 24×7 calendar', async () => {
      const calendar = await createCalendar({ name: `24x7 ${run}`, timeZone: 'UTC', weeklyHours: ALWAYS_OPEN });
      expect(Object.keys(calendar.weeklyHours)).toHaveLength(7);
      expect(calendar.holidays).toEqual([]);
    });

    it.each([
      ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, ['timeZone']],
      [
        'overlapping hours',
        {
          weeklyHours: {
            '1': [
              { start: '09:00', end: '14:00' },
              { start: '13:00', end: '18:00' },
            ],
          },
        },
        ['weeklyHours.1[1]'],
      ],
      [
        'a night shift running into the next day’s hours',
        { weeklyHours: { '1': [{ start: '22:00', end: '08:00' }], '2': [{ start: '07:00', end: '15:00' }] } },
        ['weeklyHours.2[0]'],
      ],
      ['a bad HH:MM', { weeklyHours: { '1': [{ start: '9am', end: '25:00' }] } }, ['weeklyHours.1[0].start', 'weeklyHours.1[0].end']],
      ['an impossible holiday', { holidays: [{ date: '2026-02-30' }, { month: 2, day: 30 }] }, ['holidays[0].date', 'holidays[1].day']],
      ['a weekday that does not exist', { weeklyHours: { '7': [{ start: '09:00', end: '18:00' }] } }, ['weeklyHours']],
    ])('answers %s with 400 and the field', async (_name, changes, fields) => {
      const res = await post('/api/v1/sla/calendars', {
        name: 'Bad',
        timeZone: 'Europe/Madrid',
        weeklyHours: WEEKDAYS_9_TO_18,
        ...changes,
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      for (const field of fields) expect(fieldsOf(res).some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
    });

    it('refuses a change that would make a calendar invalid, and keeps it as it was', async () => {
      const calendar = await createCalendar({ name: `Keep ${run}`, timeZone: 'Europe/Madrid', weeklyHours: WEEKDAYS_9_TO_18 });
      const res = await patch(`/api/v1/sla/calendars/${calendar.id}`, { timeZone: 'Mars/Olympus' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['timeZone']);
      expect((await get(`/api/v1/sla/calendars/${calendar.id}`).expect(200)).body).toMatchObject({ timeZone: 'Europe/Madrid', version: 1 });
    });
  });

  describe('policies', () => {
    it('creates a policy with defaults, shows it in order, and versions every change to its targets', async () => {
      const calendar = await createCalendar({ name: `Office ${run}`, timeZone: 'Europe/Madrid', weeklyHours: WEEKDAYS_9_TO_18 });
      const vip = await createPolicy({
        name: `VIP ${run}`,
        position: 5,
        conditions: { tagsAny: ['vip'], tiers: [1, 2] },
        calendarId: calendar.id,
        targets: {
          urgent: { firstResponse: { minutes: 30, businessHours: false }, resolution: { minutes: 240, businessHours: true } },
          normal: { nextResponse: { minutes: 120, businessHours: true } },
        },
        escalation: {
          levels: [
            { afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'assignee' }] },
            {
              afterBreachMinutes: 60,
              clock: 'resolution',
              actions: [{ type: 'notify', to: 'team_supervisor' }, { type: 'raise_priority' }],
            },
          ],
        },
      });
      expect(vip).toMatchObject({
        name: `VIP ${run}`,
        position: 5,
        active: true,
        version: 1,
        calendarId: calendar.id,
        warningPercent: 75,
        pauseResolutionOn: ['pending', 'on_hold'],
      });
      expect(vip.escalation.levels).toHaveLength(2);
      const fallback = await createPolicy({
        name: `Default ${run}`,
        position: 1_000,
        targets: { normal: { resolution: { minutes: 2880, businessHours: false } } },
        pauseResolutionOn: ['pending'],
      });
      expect(fallback).toMatchObject({ calendarId: null, escalation: { levels: [] }, pauseResolutionOn: ['pending'] });

      const list = (await get('/api/v1/sla/policies').expect(200)).body as { id: string; position: number }[];
      const positions = list.map((p) => p.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(list.findIndex((p) => p.id === vip.id)).toBeLessThan(list.findIndex((p) => p.id === fallback.id));

      // Renaming and reordering are not versioned; a new target is.
      const renamed = await patch(`/api/v1/sla/policies/${vip.id}`, { name: `VIP+ ${run}`, position: 6 }).expect(200);
      expect(renamed.body).toMatchObject({ name: `VIP+ ${run}`, position: 6, version: 1 });
      const retargeted = await patch(`/api/v1/sla/policies/${vip.id}`, {
        targets: { urgent: { firstResponse: { minutes: 15, businessHours: false } } },
        warningPercent: 80,
      }).expect(200);
      expect(retargeted.body).toMatchObject({ version: 2, warningPercent: 80, calendarId: calendar.id });
      expect(retargeted.body.targets).toEqual({ urgent: { firstResponse: { minutes: 15, businessHours: false } } });

      const versions = (await get(`/api/v1/sla/policies/${vip.id}/versions`).expect(200)).body;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(versions[0]).toMatchObject({ policyId: vip.id, warningPercent: 75, targets: vip.targets });
      expect(versions[1]).toMatchObject({ policyId: vip.id, warningPercent: 80 });
      expect((await get(`/api/v1/sla/policies/${vip.id}`).expect(200)).body).toEqual(retargeted.body);

      // The same targets again make no new version.
      await patch(`/api/v1/sla/policies/${vip.id}`, { warningPercent: 80 }).expect(200);
      expect((await get(`/api/v1/sla/policies/${vip.id}/versions`).expect(200)).body).toHaveLength(2);
    });

    it.each([
      ['negative minutes', { targets: { high: { resolution: { minutes: -5, businessHours: false } } } }, 'targets.high.resolution.minutes'],
      ['no targets', { targets: {} }, 'targets'],
      [
        'business minutes without a calendar',
        { targets: { normal: { firstResponse: { minutes: 60, businessHours: true } } } },
        'calendarId',
      ],
      ['a warning at 100%', { warningPercent: 100 }, 'warningPercent'],
      ['a status that does not pause', { pauseResolutionOn: ['open'] }, 'pauseResolutionOn'],
      [
        'escalation levels out of order',
        {
          escalation: {
            levels: [
              { afterBreachMinutes: 60, actions: [{ type: 'raise_priority' }] },
              { afterBreachMinutes: 0, actions: [{ type: 'raise_priority' }] },
            ],
          },
        },
        'escalation.levels[1].afterBreachMinutes',
      ],
      [
        'a webhook without its url',
        { escalation: { levels: [{ afterBreachMinutes: 0, actions: [{ type: 'notify', to: 'webhook' }] }] } },
        'escalation.levels[0].actions[0].url',
      ],
    ])('answers %s with 400 and the field', async (_name, changes, field) => {
      const res = await post('/api/v1/sla/policies', {
        name: 'Bad',
        targets: { urgent: { firstResponse: { minutes: 30, businessHours: false } } },
        ...changes,
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain(field);
    });

    it('answers an unknown calendar with 422 on calendarId', async () => {
      const res = await post('/api/v1/sla/policies', {
        name: 'Bad',
        calendarId: UNKNOWN_ID,
        targets: { urgent: { firstResponse: { minutes: 30, businessHours: true } } },
      });
      expectProblem(res, 422, 'UNPROCESSABLE_ENTITY');
      expect(fieldsOf(res)).toEqual(['calendarId']);
    });

    it('refuses a change that takes the calendar away from business-minute targets', async () => {
      const calendar = await createCalendar({ name: `Office2 ${run}`, timeZone: 'Europe/Madrid', weeklyHours: WEEKDAYS_9_TO_18 });
      const policy = await createPolicy({
        name: `Business ${run}`,
        calendarId: calendar.id,
        targets: { low: { resolution: { minutes: 960, businessHours: true } } },
      });
      const res = await patch(`/api/v1/sla/policies/${policy.id}`, { calendarId: null });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['calendarId']);
    });

    it('keeps a calendar used by a policy (409) and lets it go once no policy uses it', async () => {
      const calendar = await createCalendar({ name: `Used ${run}`, timeZone: 'Europe/Madrid', weeklyHours: WEEKDAYS_9_TO_18 });
      const policy = await createPolicy({
        name: `Uses calendar ${run}`,
        calendarId: calendar.id,
        targets: { normal: { firstResponse: { minutes: 60, businessHours: true } } },
      });
      const refused = await suite.api().delete(`/api/v1/sla/calendars/${calendar.id}`).set(bearer(suite.admin));
      expectProblem(refused, 409, 'CONFLICT');
      expect(refused.body.detail ?? refused.body.message ?? '').toContain(`Uses calendar ${run}`);

      await suite.api().delete(`/api/v1/sla/policies/${policy.id}`).set(bearer(suite.admin)).expect(204);
      expectProblem(await get(`/api/v1/sla/policies/${policy.id}`), 404, 'NOT_FOUND');
      expect((await get('/api/v1/sla/policies').expect(200)).body.map((p: { id: string }) => p.id)).not.toContain(policy.id);
      await suite.api().delete(`/api/v1/sla/calendars/${calendar.id}`).set(bearer(suite.admin)).expect(204);
    });
  });

  it('lets staff read calendars and policies, only admins change them, and keeps customers out', async () => {
    const calendar = await createCalendar({ name: `Perm ${run}`, timeZone: 'UTC', weeklyHours: ALWAYS_OPEN });
    const policy = await createPolicy({ name: `Perm ${run}`, targets: { low: { resolution: { minutes: 60, businessHours: false } } } });
    for (const role of ['agent', 'supervisor']) {
      const { token } = await userWithRole(suite.target, suite.admin, role);
      await get(`/api/v1/sla/calendars/${calendar.id}`, token).expect(200);
      await get(`/api/v1/sla/policies/${policy.id}`, token).expect(200);
      await get(`/api/v1/sla/policies/${policy.id}/versions`, token).expect(200);
      expectProblem(await patch(`/api/v1/sla/policies/${policy.id}`, { name: 'x' }, token), 403);
      expectProblem(await post('/api/v1/sla/calendars', { name: 'x', timeZone: 'UTC', weeklyHours: ALWAYS_OPEN }, token), 403);
    }
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(await get('/api/v1/sla/policies', customer.token), 403);
    expectProblem(await get(`/api/v1/sla/calendars/${calendar.id}`, customer.token), 403);
  });

  it('guards changes to calendars and policies with ETag and If-Match (412 on a stale one)', async () => {
    const calendar = await createCalendar({ name: `ETag ${run}`, timeZone: 'UTC', weeklyHours: WEEKDAYS_9_TO_18 });
    const read = await get(`/api/v1/sla/calendars/${calendar.id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');
    const changed = await suite
      .api()
      .patch(`/api/v1/sla/calendars/${calendar.id}`)
      .set(bearer(suite.admin))
      .set('If-Match', read.headers.etag)
      .send({ name: `ETag ${run} 2` })
      .expect(200);
    expect(changed.headers.etag).toBe('"2"');
    const stale = await suite
      .api()
      .patch(`/api/v1/sla/calendars/${calendar.id}`)
      .set(bearer(suite.admin))
      .set('If-Match', read.headers.etag)
      .send({ name: 'lost update' });
    expectProblem(stale, 412, 'PRECONDITION_FAILED');
    expect((await get(`/api/v1/sla/calendars/${calendar.id}`).expect(200)).body.name).toBe(`ETag ${run} 2`);

    const policy = await createPolicy({ name: `ETag ${run}`, targets: { normal: { resolution: { minutes: 60, businessHours: false } } } });
    const policyRead = await get(`/api/v1/sla/policies/${policy.id}`).expect(200);
    expect(policyRead.headers.etag).toBe(`"${policy.revision}"`);
    // Renaming is no new version of the targets, but it is a change: the revision moves.
    const renamed = await suite
      .api()
      .patch(`/api/v1/sla/policies/${policy.id}`)
      .set(bearer(suite.admin))
      .set('If-Match', policyRead.headers.etag)
      .send({ name: `ETag ${run} renamed` })
      .expect(200);
    expect(renamed.body).toMatchObject({ version: 1, revision: policy.revision + 1 });
    expectProblem(
      await suite
        .api()
        .patch(`/api/v1/sla/policies/${policy.id}`)
        .set(bearer(suite.admin))
        .set('If-Match', policyRead.headers.etag)
        .send({ active: false }),
      412,
      'PRECONDITION_FAILED',
    );
    expectProblem(
      await suite
        .api()
        .patch(`/api/v1/sla/policies/${policy.id}`)
        .set(bearer(suite.admin))
        .set('If-Match', 'W/"x"')
        .send({ active: false }),
      412,
    );
  });
});

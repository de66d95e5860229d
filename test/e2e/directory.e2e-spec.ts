import request from 'supertest';
import { bearer, expectProblem, login, uniqueEmail, userWithRole } from '../support/api';
import { startTarget, Target } from '../support/target';

describe('Directory: organizations, teams and people', () => {
  let target: Target;
  let admin: string;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    target = await startTarget();
    admin = await login(target);
  });

  afterAll(async () => {
    await target?.close();
  });

  const api = () => request(target.url);
  const createOrganization = async (body: Record<string, unknown>) => {
    const res = await api().post('/api/v1/organizations').set(bearer(admin)).send(body);
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('organizations', () => {
    it('are created by admins with lower-cased email domains, read and listed by staff', async () => {
      const org = await createOrganization({ name: `ACME ${run}`, domains: [`ACME-${run}.com`, `acme-${run}.es`] });
      expect(org).toMatchObject({
        id: expect.any(String),
        name: `ACME ${run}`,
        domains: [`acme-${run}.com`, `acme-${run}.es`],
        sharedTickets: false,
      });
      const agent = await userWithRole(target, admin, 'agent');
      expect((await api().get(`/api/v1/organizations/${org.id}`).set(bearer(agent.token))).body).toEqual(org);
      const found = await api()
        .get('/api/v1/organizations')
        .query({ q: `acme ${run}` })
        .set(bearer(agent.token));
      expect(found.body.data.map((o: { id: string }) => o.id)).toEqual([org.id]);
      expectProblem(await api().post('/api/v1/organizations').set(bearer(agent.token)).send({ name: 'x' }), 403, 'FORBIDDEN');
    });

    it('page by name with a cursor', async () => {
      for (const letter of ['a', 'b', 'c']) await createOrganization({ name: `Paged ${run} ${letter}` });
      const first = await api()
        .get('/api/v1/organizations')
        .query({ q: `paged ${run}`, limit: 2 })
        .set(bearer(admin));
      const second = await api()
        .get('/api/v1/organizations')
        .query({ q: `paged ${run}`, limit: 2, cursor: first.body.nextCursor })
        .set(bearer(admin));
      expect([...first.body.data, ...second.body.data].map((o: { name: string }) => o.name.slice(-1))).toEqual(['a', 'b', 'c']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('refuse a taken name or a domain that belongs to another organization (409) and a malformed domain (400)', async () => {
      await createOrganization({ name: `Taken ${run}`, domains: [`taken-${run}.com`] });
      expectProblem(
        await api()
          .post('/api/v1/organizations')
          .set(bearer(admin))
          .send({ name: `TAKEN ${run}` }),
        409,
        'CONFLICT',
      );
      const clash = await api()
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ name: `Other ${run}`, domains: [`taken-${run}.com`] });
      expectProblem(clash, 409, 'CONFLICT');
      const bad = await api()
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ name: `Bad ${run}`, domains: ['not a domain'] });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(bad.body.errors[0].field).toBe('domains');
    });

    it('are renamed, get new domains and are deleted', async () => {
      const org = await createOrganization({ name: `Rename ${run}`, domains: [`old-${run}.com`] });
      const changed = await api()
        .patch(`/api/v1/organizations/${org.id}`)
        .set(bearer(admin))
        .send({ name: `Renamed ${run}`, domains: [`new-${run}.com`] });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ name: `Renamed ${run}`, domains: [`new-${run}.com`] });
      expectProblem(await api().patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).send({ name: null }), 400, 'VALIDATION_FAILED');
      expect((await api().delete(`/api/v1/organizations/${org.id}`).set(bearer(admin))).status).toBe(204);
      expectProblem(await api().get(`/api/v1/organizations/${org.id}`).set(bearer(admin)), 404, 'NOT_FOUND');
    });
  });

  describe('requesters join the organization of their email domain', () => {
    it('when an admin adds them, and when a ticket names a new requester (subdomains included)', async () => {
      const org = await createOrganization({ name: `Domain ${run}`, domains: [`domain-${run}.com`] });
      const added = await api()
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ email: `ana@domain-${run}.com`, name: 'Ana', role: 'customer' });
      expect(added.body.organizationId).toBe(org.id);
      const ticket = await api()
        .post('/api/v1/tickets')
        .set(bearer(admin))
        .send({ subject: 'x', description: 'y', requester: { email: `luis@it.domain-${run}.com`, name: 'Luis' } });
      expect(ticket.body.organizationId).toBe(org.id);
      const members = await api().get('/api/v1/users').query({ organizationId: org.id }).set(bearer(admin));
      expect(members.body.data.map((u: { email: string }) => u.email).sort()).toEqual([
        `ana@domain-${run}.com`,
        `luis@it.domain-${run}.com`,
      ]);
    });

    it('customers see their organization’s tickets only when it shares them', async () => {
      const org = await createOrganization({ name: `Shared ${run}`, domains: [`shared-${run}.com`] });
      const password = 'customer-password-1';
      const make = async (local: string) => {
        await api()
          .post('/api/v1/users')
          .set(bearer(admin))
          .send({ email: `${local}@shared-${run}.com`, name: local, role: 'customer', password })
          .expect(201);
        return login(target, `${local}@shared-${run}.com`, password);
      };
      const ana = await make('ana');
      const luis = await make('luis');
      const anas = await api().post('/api/v1/tickets').set(bearer(ana)).send({ subject: 'de Ana', description: 'x' }).expect(201);
      expectProblem(await api().get(`/api/v1/tickets/${anas.body.id}`).set(bearer(luis)), 404, 'NOT_FOUND');

      await api().patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).send({ sharedTickets: true }).expect(200);
      expect((await api().get(`/api/v1/tickets/${anas.body.id}`).set(bearer(luis))).status).toBe(200);
      const list = await api().get('/api/v1/tickets').set(bearer(luis));
      expect(list.body.data.map((t: { id: string }) => t.id)).toContain(anas.body.id);
      const outsider = await userWithRole(target, admin, 'customer');
      expectProblem(await api().get(`/api/v1/tickets/${anas.body.id}`).set(bearer(outsider.token)), 404, 'NOT_FOUND');
    });
  });

  describe('teams', () => {
    it('are created at a tier with a supervisor and members, who see their teams', async () => {
      const supervisor = await userWithRole(target, admin, 'supervisor');
      const agent = await userWithRole(target, admin, 'agent');
      const res = await api()
        .post('/api/v1/teams')
        .set(bearer(admin))
        .send({ name: `Soporte N1 ${run}`, tier: 1, supervisorId: supervisor.id, memberIds: [agent.id], routingStrategy: 'least_loaded' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ tier: 1, supervisorId: supervisor.id, memberIds: [agent.id], routingStrategy: 'least_loaded' });
      const me = await api().get('/api/v1/auth/me').set(bearer(agent.token));
      expect(me.body.teamIds).toEqual([res.body.id]);
      const byTier = await api().get('/api/v1/teams').query({ tier: 1 }).set(bearer(agent.token));
      expect(byTier.body.data.every((t: { tier: number }) => t.tier === 1)).toBe(true);
      const byTeam = await api().get('/api/v1/users').query({ teamId: res.body.id }).set(bearer(admin));
      expect(byTeam.body.data.map((u: { id: string }) => u.id)).toEqual([agent.id]);
    });

    it('take only active staff as supervisor or members (422) and refuse a taken name (409) or a bad tier (400)', async () => {
      const customer = await userWithRole(target, admin, 'customer');
      const withCustomer = await api()
        .post('/api/v1/teams')
        .set(bearer(admin))
        .send({ name: `Bad ${run}`, tier: 2, memberIds: [customer.id] });
      expectProblem(withCustomer, 422, 'UNPROCESSABLE_ENTITY');
      expect(withCustomer.body.errors[0].field).toBe('memberIds');
      await api()
        .post('/api/v1/teams')
        .set(bearer(admin))
        .send({ name: `Unique ${run}`, tier: 2 })
        .expect(201);
      expectProblem(
        await api()
          .post('/api/v1/teams')
          .set(bearer(admin))
          .send({ name: `unique ${run}`, tier: 2 }),
        409,
        'CONFLICT',
      );
      expectProblem(
        await api()
          .post('/api/v1/teams')
          .set(bearer(admin))
          .send({ name: `Tier ${run}`, tier: 4 }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api()
          .post('/api/v1/teams')
          .set(bearer(admin))
          .send({ name: `Route ${run}`, tier: 1, routingStrategy: 'random' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('gain and lose members; adding twice changes nothing and removing a non-member is a 404', async () => {
      const team = (
        await api()
          .post('/api/v1/teams')
          .set(bearer(admin))
          .send({ name: `Members ${run}`, tier: 2 })
      ).body;
      const agent = await userWithRole(target, admin, 'agent');
      await api().post(`/api/v1/teams/${team.id}/members`).set(bearer(admin)).send({ userId: agent.id }).expect(200);
      const twice = await api().post(`/api/v1/teams/${team.id}/members`).set(bearer(admin)).send({ userId: agent.id });
      expect(twice.body.memberIds).toEqual([agent.id]);
      const removed = await api().delete(`/api/v1/teams/${team.id}/members/${agent.id}`).set(bearer(admin));
      expect(removed.body.memberIds).toEqual([]);
      expectProblem(await api().delete(`/api/v1/teams/${team.id}/members/${agent.id}`).set(bearer(admin)), 404, 'NOT_FOUND');
      expectProblem(
        await api().post(`/api/v1/teams/${team.id}/members`).set(bearer(agent.token)).send({ userId: agent.id }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('people', () => {
    it('staff get a tier, skills and a capacity; customers cannot have them (422)', async () => {
      const agent = await userWithRole(target, admin, 'agent');
      const res = await api()
        .patch(`/api/v1/users/${agent.id}`)
        .set(bearer(admin))
        .send({ tier: 2, skills: ['networking', 'sap'], capacity: 15, phone: '+34 600 123 456' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tier: 2, skills: ['networking', 'sap'], capacity: 15, phone: '+34 600 123 456' });
      const customer = await userWithRole(target, admin, 'customer');
      const wrong = await api().patch(`/api/v1/users/${customer.id}`).set(bearer(admin)).send({ tier: 1 });
      expectProblem(wrong, 422, 'UNPROCESSABLE_ENTITY');
      expect(wrong.body.errors[0].field).toBe('tier');
      expectProblem(
        await api()
          .patch(`/api/v1/users/${agent.id}`)
          .set(bearer(admin))
          .send({ skills: ['Not Valid!'] }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await api().patch(`/api/v1/users/${agent.id}`).set(bearer(admin)).send({ organizationId: '00000000-0000-4000-8000-000000000000' }),
        422,
      );
    });

    it('become customers by leaving their teams, and cannot log in once inactive', async () => {
      const agent = await userWithRole(target, admin, 'agent');
      const team = (
        await api()
          .post('/api/v1/teams')
          .set(bearer(admin))
          .send({ name: `Leaving ${run}`, tier: 1, memberIds: [agent.id] })
      ).body;
      const demoted = await api().patch(`/api/v1/users/${agent.id}`).set(bearer(admin)).send({ role: 'customer' });
      expect(demoted.body).toMatchObject({ role: 'customer', teamIds: [] });
      expect((await api().get(`/api/v1/teams/${team.id}`).set(bearer(admin))).body.memberIds).toEqual([]);
      await api().patch(`/api/v1/users/${agent.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      const attempt = await api().post('/api/v1/auth/login').send({ email: agent.email, password: 'password-for-e2e-1' });
      expectProblem(attempt, 401, 'UNAUTHENTICATED');
    });

    it('an admin cannot demote or deactivate themselves', async () => {
      const me = await api().get('/api/v1/auth/me').set(bearer(admin));
      expectProblem(await api().patch(`/api/v1/users/${me.body.id}`).set(bearer(admin)).send({ role: 'agent' }), 422);
      expectProblem(await api().patch(`/api/v1/users/${me.body.id}`).set(bearer(admin)).send({ active: false }), 422);
      expect((await api().patch(`/api/v1/users/${me.body.id}`).set(bearer(admin)).send({ phone: null })).status).toBe(200);
    });

    it('lists filter by role and active flag', async () => {
      const email = uniqueEmail('filter');
      await api().post('/api/v1/users').set(bearer(admin)).send({ email, name: 'F', role: 'supervisor' }).expect(201);
      const supervisors = await api().get('/api/v1/users').query({ role: 'supervisor', active: 'true', limit: 100 }).set(bearer(admin));
      expect(supervisors.body.data.every((u: { role: string; active: boolean }) => u.role === 'supervisor' && u.active)).toBe(true);
      expect(supervisors.body.data.map((u: { email: string }) => u.email)).toContain(email);
      expectProblem(await api().get('/api/v1/users').query({ active: 'maybe' }).set(bearer(admin)), 400, 'VALIDATION_FAILED');
    });
  });
});

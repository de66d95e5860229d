import { bearer, expectProblem, login, uniqueEmail, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Directory: organizations, teams and people', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);

  const createOrganization = async (body: Record<string, unknown>) => {
    const res = await suite.api().post('/api/v1/organizations').set(bearer(suite.admin)).send(body);
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
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      expect((await suite.api().get(`/api/v1/organizations/${org.id}`).set(bearer(agent.token))).body).toEqual(org);
      const found = await suite
        .api()
        .get('/api/v1/organizations')
        .query({ q: `acme ${run}` })
        .set(bearer(agent.token));
      expect(found.body.data.map((o: { id: string }) => o.id)).toEqual([org.id]);
      expectProblem(await suite.api().post('/api/v1/organizations').set(bearer(agent.token)).send({ name: 'x' }), 403, 'FORBIDDEN');
    });

    it('page by name with a cursor', async () => {
      for (const letter of ['a', 'b', 'c']) await createOrganization({ name: `Paged ${run} ${letter}` });
      const first = await suite
        .api()
        .get('/api/v1/organizations')
        .query({ q: `paged ${run}`, limit: 2 })
        .set(bearer(suite.admin));
      const second = await suite
        .api()
        .get('/api/v1/organizations')
        .query({ q: `paged ${run}`, limit: 2, cursor: first.body.nextCursor })
        .set(bearer(suite.admin));
      expect([...first.body.data, ...second.body.data].map((o: { name: string }) => o.name.slice(-1))).toEqual(['a', 'b', 'c']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('refuse a taken name or a domain that belongs to another organization (409) and a malformed domain (400)', async () => {
      await createOrganization({ name: `Taken ${run}`, domains: [`taken-${run}.com`] });
      expectProblem(
        await suite
          .api()
          .post('/api/v1/organizations')
          .set(bearer(suite.admin))
          .send({ name: `TAKEN ${run}` }),
        409,
        'CONFLICT',
      );
      const clash = await suite
        .api()
        .post('/api/v1/organizations')
        .set(bearer(suite.admin))
        .send({ name: `Other ${run}`, domains: [`taken-${run}.com`] });
      expectProblem(clash, 409, 'CONFLICT');
      const bad = await suite
        .api()
        .post('/api/v1/organizations')
        .set(bearer(suite.admin))
        .send({ name: `Bad ${run}`, domains: ['not a domain'] });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(bad.body.errors[0].field).toBe('domains');
    });

    it('are renamed, get new domains and are deleted', async () => {
      const org = await createOrganization({ name: `Rename ${run}`, domains: [`old-${run}.com`] });
      const changed = await suite
        .api()
        .patch(`/api/v1/organizations/${org.id}`)
        .set(bearer(suite.admin))
        .send({ name: `Renamed ${run}`, domains: [`new-${run}.com`] });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ name: `Renamed ${run}`, domains: [`new-${run}.com`] });
      expectProblem(
        await suite.api().patch(`/api/v1/organizations/${org.id}`).set(bearer(suite.admin)).send({ name: null }),
        400,
        'VALIDATION_FAILED',
      );
      expect((await suite.api().delete(`/api/v1/organizations/${org.id}`).set(bearer(suite.admin))).status).toBe(204);
      expectProblem(await suite.api().get(`/api/v1/organizations/${org.id}`).set(bearer(suite.admin)), 404, 'NOT_FOUND');
    });
  });

  describe('requesters join the organization of their email domain', () => {
    it('when an admin adds them, and when a ticket names a new requester (subdomains included)', async () => {
      const org = await createOrganization({ name: `Domain ${run}`, domains: [`domain-${run}.com`] });
      const added = await suite
        .api()
        .post('/api/v1/users')
        .set(bearer(suite.admin))
        .send({ email: `ana@domain-${run}.com`, name: 'Ana', role: 'customer' });
      expect(added.body.organizationId).toBe(org.id);
      const ticket = await suite
        .api()
        .post('/api/v1/tickets')
        .set(bearer(suite.admin))
        .send({ subject: 'x', description: 'y', requester: { email: `luis@it.domain-${run}.com`, name: 'Luis' } });
      expect(ticket.body.organizationId).toBe(org.id);
      const members = await suite.api().get('/api/v1/users').query({ organizationId: org.id }).set(bearer(suite.admin));
      expect(members.body.data.map((u: { email: string }) => u.email).sort()).toEqual([
        `ana@domain-${run}.com`,
        `luis@it.domain-${run}.com`,
      ]);
    });

    it('customers see their organization’s tickets only when it shares them', async () => {
      const org = await createOrganization({ name: `Shared ${run}`, domains: [`shared-${run}.com`] });
      const password = 'customer-password-1';
      const make = async (local: string) => {
        await suite
          .api()
          .post('/api/v1/users')
          .set(bearer(suite.admin))
          .send({ email: `${local}@shared-${run}.com`, name: local, role: 'customer', password })
          .expect(201);
        return login(suite.target, `${local}@shared-${run}.com`, password);
      };
      const ana = await make('ana');
      const luis = await make('luis');
      const anas = await suite.api().post('/api/v1/tickets').set(bearer(ana)).send({ subject: 'de Ana', description: 'x' }).expect(201);
      expectProblem(await suite.api().get(`/api/v1/tickets/${anas.body.id}`).set(bearer(luis)), 404, 'NOT_FOUND');

      await suite.api().patch(`/api/v1/organizations/${org.id}`).set(bearer(suite.admin)).send({ sharedTickets: true }).expect(200);
      expect((await suite.api().get(`/api/v1/tickets/${anas.body.id}`).set(bearer(luis))).status).toBe(200);
      const list = await suite.api().get('/api/v1/tickets').set(bearer(luis));
      expect(list.body.data.map((t: { id: string }) => t.id)).toContain(anas.body.id);
      const outsider = await userWithRole(suite.target, suite.admin, 'customer');
      expectProblem(await suite.api().get(`/api/v1/tickets/${anas.body.id}`).set(bearer(outsider.token)), 404, 'NOT_FOUND');
    });
  });

  describe('teams', () => {
    it('are created at a tier with a supervisor and members, who see their teams', async () => {
      const supervisor = await userWithRole(suite.target, suite.admin, 'supervisor');
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const res = await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `Soporte N1 ${run}`, tier: 1, supervisorId: supervisor.id, memberIds: [agent.id], routingStrategy: 'least_loaded' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ tier: 1, supervisorId: supervisor.id, memberIds: [agent.id], routingStrategy: 'least_loaded' });
      const me = await suite.api().get('/api/v1/auth/me').set(bearer(agent.token));
      expect(me.body.teamIds).toEqual([res.body.id]);
      const byTier = await suite.api().get('/api/v1/teams').query({ tier: 1 }).set(bearer(agent.token));
      expect(byTier.body.data.every((t: { tier: number }) => t.tier === 1)).toBe(true);
      const byTeam = await suite.api().get('/api/v1/users').query({ teamId: res.body.id }).set(bearer(suite.admin));
      expect(byTeam.body.data.map((u: { id: string }) => u.id)).toEqual([agent.id]);
    });

    it('take only active staff as supervisor or members (422) and refuse a taken name (409) or a bad tier (400)', async () => {
      const customer = await userWithRole(suite.target, suite.admin, 'customer');
      const withCustomer = await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `Bad ${run}`, tier: 2, memberIds: [customer.id] });
      expectProblem(withCustomer, 422, 'UNPROCESSABLE_ENTITY');
      expect(withCustomer.body.errors[0].field).toBe('memberIds');
      await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `Unique ${run}`, tier: 2 })
        .expect(201);
      expectProblem(
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `unique ${run}`, tier: 2 }),
        409,
        'CONFLICT',
      );
      expectProblem(
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `Tier ${run}`, tier: 4 }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `Route ${run}`, tier: 1, routingStrategy: 'random' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('gain and lose members; adding twice changes nothing and removing a non-member is a 404', async () => {
      const team = (
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `Members ${run}`, tier: 2 })
      ).body;
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      await suite.api().post(`/api/v1/teams/${team.id}/members`).set(bearer(suite.admin)).send({ userId: agent.id }).expect(200);
      const twice = await suite.api().post(`/api/v1/teams/${team.id}/members`).set(bearer(suite.admin)).send({ userId: agent.id });
      expect(twice.body.memberIds).toEqual([agent.id]);
      const removed = await suite.api().delete(`/api/v1/teams/${team.id}/members/${agent.id}`).set(bearer(suite.admin));
      expect(removed.body.memberIds).toEqual([]);
      expectProblem(await suite.api().delete(`/api/v1/teams/${team.id}/members/${agent.id}`).set(bearer(suite.admin)), 404, 'NOT_FOUND');
      expectProblem(
        await suite.api().post(`/api/v1/teams/${team.id}/members`).set(bearer(agent.token)).send({ userId: agent.id }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('people', () => {
    it('staff get a tier, skills and a capacity; customers cannot have them (422)', async () => {
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const res = await suite
        .api()
        .patch(`/api/v1/users/${agent.id}`)
        .set(bearer(suite.admin))
        .send({ tier: 2, skills: ['networking', 'sap'], capacity: 15, phone: '+34 600 123 456' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tier: 2, skills: ['networking', 'sap'], capacity: 15, phone: '+34 600 123 456' });
      const customer = await userWithRole(suite.target, suite.admin, 'customer');
      const wrong = await suite.api().patch(`/api/v1/users/${customer.id}`).set(bearer(suite.admin)).send({ tier: 1 });
      expectProblem(wrong, 422, 'UNPROCESSABLE_ENTITY');
      expect(wrong.body.errors[0].field).toBe('tier');
      expectProblem(
        await suite
          .api()
          .patch(`/api/v1/users/${agent.id}`)
          .set(bearer(suite.admin))
          .send({ skills: ['Not Valid!'] }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await suite
          .api()
          .patch(`/api/v1/users/${agent.id}`)
          .set(bearer(suite.admin))
          .send({ organizationId: '00000000-0000-4000-8000-000000000000' }),
        422,
      );
    });

    it('become customers by leaving their teams, and cannot log in once inactive', async () => {
      const agent = await userWithRole(suite.target, suite.admin, 'agent');
      const team = (
        await suite
          .api()
          .post('/api/v1/teams')
          .set(bearer(suite.admin))
          .send({ name: `Leaving ${run}`, tier: 1, memberIds: [agent.id] })
      ).body;
      const demoted = await suite.api().patch(`/api/v1/users/${agent.id}`).set(bearer(suite.admin)).send({ role: 'customer' });
      expect(demoted.body).toMatchObject({ role: 'customer', teamIds: [] });
      expect((await suite.api().get(`/api/v1/teams/${team.id}`).set(bearer(suite.admin))).body.memberIds).toEqual([]);
      await suite.api().patch(`/api/v1/users/${agent.id}`).set(bearer(suite.admin)).send({ active: false }).expect(200);
      const attempt = await suite.api().post('/api/v1/auth/login').send({ email: agent.email, password: 'password-for-e2e-1' });
      expectProblem(attempt, 401, 'UNAUTHENTICATED');
    });

    it('an admin cannot demote or deactivate themselves', async () => {
      const me = await suite.api().get('/api/v1/auth/me').set(bearer(suite.admin));
      expectProblem(await suite.api().patch(`/api/v1/users/${me.body.id}`).set(bearer(suite.admin)).send({ role: 'agent' }), 422);
      expectProblem(await suite.api().patch(`/api/v1/users/${me.body.id}`).set(bearer(suite.admin)).send({ active: false }), 422);
      expect((await suite.api().patch(`/api/v1/users/${me.body.id}`).set(bearer(suite.admin)).send({ phone: null })).status).toBe(200);
    });

    it('lists filter by role and active flag', async () => {
      const email = uniqueEmail('filter');
      await suite.api().post('/api/v1/users').set(bearer(suite.admin)).send({ email, name: 'F', role: 'supervisor' }).expect(201);
      const supervisors = await suite
        .api()
        .get('/api/v1/users')
        .query({ role: 'supervisor', active: 'true', limit: 100 })
        .set(bearer(suite.admin));
      expect(supervisors.body.data.every((u: { role: string; active: boolean }) => u.role === 'supervisor' && u.active)).toBe(true);
      expect(supervisors.body.data.map((u: { email: string }) => u.email)).toContain(email);
      expectProblem(await suite.api().get('/api/v1/users').query({ active: 'maybe' }).set(bearer(suite.admin)), 400, 'VALIDATION_FAILED');
    });
  });
});

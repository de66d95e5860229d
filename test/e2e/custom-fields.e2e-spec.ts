import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Custom ticket fields', () => {
  const suite = useSuite();
  const run = Date.now().toString(36);
  const key = (name: string) => `${name}_${run}`;

  const defineField = async (body: Record<string, unknown>) =>
    (await suite.api().post('/api/v1/ticket-fields').set(bearer(suite.admin)).send(body).expect(201)).body;
  const open = (token: string, extra: Record<string, unknown> = {}) =>
    suite
      .api()
      .post('/api/v1/tickets')
      .set(bearer(token))
      .send({ subject: 'La impresora no imprime', description: 'Sale la hoja en blanco', ...extra });

  it('defines fields of every type, lists them in order, and keeps key and type permanent', async () => {
    const model = await defineField({
      key: key('model'),
      type: 'dropdown',
      title: 'Modelo',
      options: [
        { value: 'laser', label: 'Láser' },
        { value: 'inkjet', label: 'Inyección' },
      ],
    });
    expect(model).toMatchObject({ key: key('model'), type: 'dropdown', active: true, requiredOnCreate: false, visibleToCustomers: false });
    for (const type of ['text', 'number', 'date', 'checkbox']) await defineField({ key: key(type), type, title: type });
    await defineField({ key: key('areas'), type: 'multiselect', title: 'Áreas', options: [{ value: 'finance', label: 'Finanzas' }] });

    const list = await suite.api().get('/api/v1/ticket-fields').set(bearer(suite.admin)).expect(200);
    const keys = list.body.map((f: { key: string }) => f.key);
    expect(keys.indexOf(key('model'))).toBeLessThan(keys.indexOf(key('areas')));

    // Bad definitions: duplicate key, options on a text field, a dropdown without options, a bad key, a type change.
    expectProblem(
      await suite
        .api()
        .post('/api/v1/ticket-fields')
        .set(bearer(suite.admin))
        .send({ key: key('model'), type: 'text', title: 'x' }),
      409,
    );
    const withOptions = await suite
      .api()
      .post('/api/v1/ticket-fields')
      .set(bearer(suite.admin))
      .send({ key: key('bad1'), type: 'text', title: 'x', options: [{ value: 'a', label: 'A' }] });
    expectProblem(withOptions, 422);
    expect(withOptions.body.errors).toEqual([{ field: 'options', message: 'a text field takes no options' }]);
    expectProblem(
      await suite
        .api()
        .post('/api/v1/ticket-fields')
        .set(bearer(suite.admin))
        .send({ key: key('bad2'), type: 'dropdown', title: 'x' }),
      422,
    );
    expectProblem(
      await suite.api().post('/api/v1/ticket-fields').set(bearer(suite.admin)).send({ key: 'Bad Key', type: 'text', title: 'x' }),
      400,
    );
    expectProblem(await suite.api().patch(`/api/v1/ticket-fields/${model.id}`).set(bearer(suite.admin)).send({ type: 'text' }), 400);

    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    expectProblem(
      await suite
        .api()
        .post('/api/v1/ticket-fields')
        .set(bearer(agent.token))
        .send({ key: key('x'), type: 'text', title: 'x' }),
      403,
    );
    expect((await suite.api().get(`/api/v1/ticket-fields/${model.id}`).set(bearer(agent.token))).status).toBe(200);
  });

  it('validates every value on create and update with one error per field, and records the changes', async () => {
    const fields = await suite.api().get('/api/v1/ticket-fields').set(bearer(suite.admin)).expect(200);
    expect(fields.body.length).toBeGreaterThanOrEqual(6);

    const bad = await open(suite.admin, {
      customFields: {
        [key('model')]: 'matrix',
        [key('number')]: 'three',
        [key('date')]: '2026-13-01',
        [key('checkbox')]: 'yes',
        [key('areas')]: ['finance', 'hr'],
        nope: 1,
      },
    });
    expectProblem(bad, 422, 'UNPROCESSABLE_ENTITY');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [
        `customFields.${key('model')}`,
        `customFields.${key('number')}`,
        `customFields.${key('date')}`,
        `customFields.${key('checkbox')}`,
        `customFields.${key('areas')}`,
        'customFields.nope',
      ].sort(),
    );
    expect(bad.body.errors.find((e: { field: string }) => e.field === `customFields.${key('model')}`).message).toContain('laser, inkjet');
    expectProblem(await open(suite.admin, { customFields: ['not', 'an', 'object'] }), 400);

    const created = await open(suite.admin, {
      customFields: { [key('model')]: 'laser', [key('number')]: 3, [key('date')]: '2026-12-01', [key('areas')]: ['finance', 'finance'] },
    }).expect(201);
    expect(created.body.customFields).toEqual({
      [key('model')]: 'laser',
      [key('number')]: 3,
      [key('date')]: '2026-12-01',
      [key('areas')]: ['finance'],
    });

    const updated = await suite
      .api()
      .patch(`/api/v1/tickets/${created.body.id}`)
      .set(bearer(suite.admin))
      .send({ customFields: { [key('model')]: 'inkjet', [key('number')]: null, [key('checkbox')]: true } })
      .expect(200);
    expect(updated.body.customFields).toEqual({
      [key('model')]: 'inkjet',
      [key('date')]: '2026-12-01',
      [key('areas')]: ['finance'],
      [key('checkbox')]: true,
    });
    const wrongOption = await suite
      .api()
      .patch(`/api/v1/tickets/${created.body.id}`)
      .set(bearer(suite.admin))
      .send({ customFields: { [key('model')]: 'toner' } });
    expectProblem(wrongOption, 422);
    expect(wrongOption.body.errors).toEqual([
      { field: `customFields.${key('model')}`, message: expect.stringContaining('must be one of') },
    ]);

    const history = await suite.api().get(`/api/v1/tickets/${created.body.id}/history`).set(bearer(suite.admin)).expect(200);
    const changed = history.body.flatMap((h: { changes: { field: string; from: unknown; to: unknown }[] }) => h.changes);
    expect(changed).toEqual(
      expect.arrayContaining([
        { field: `customFields.${key('model')}`, from: null, to: 'laser' },
        { field: `customFields.${key('model')}`, from: 'laser', to: 'inkjet' },
        { field: `customFields.${key('number')}`, from: 3, to: null },
      ]),
    );
  });

  it('keeps internal fields from customers and lets them fill only the fields they may edit', async () => {
    const serial = await defineField({ key: key('serial'), type: 'text', title: 'Número de serie', editableByCustomers: true });
    expect(serial.visibleToCustomers).toBe(true);
    const customer = await userWithRole(suite.target, suite.admin, 'customer');

    const forbidden = await open(customer.token, { customFields: { [key('model')]: 'laser' } });
    expectProblem(forbidden, 422);
    expect(forbidden.body.errors).toEqual([{ field: `customFields.${key('model')}`, message: `customers cannot set ${key('model')}` }]);

    const mine = await open(customer.token, { customFields: { [key('serial')]: 'SN-42' } }).expect(201);
    await suite
      .api()
      .patch(`/api/v1/tickets/${mine.body.id}`)
      .set(bearer(suite.admin))
      .send({ customFields: { [key('model')]: 'laser' } })
      .expect(200);
    const seenByCustomer = await suite.api().get(`/api/v1/tickets/${mine.body.id}`).set(bearer(customer.token)).expect(200);
    expect(seenByCustomer.body.customFields).toEqual({ [key('serial')]: 'SN-42' });
    const listed = await suite.api().get('/api/v1/tickets').set(bearer(customer.token)).expect(200);
    expect(listed.body.data[0].customFields).toEqual({ [key('serial')]: 'SN-42' });
    const seenByStaff = await suite.api().get(`/api/v1/tickets/${mine.body.id}`).set(bearer(suite.admin)).expect(200);
    expect(seenByStaff.body.customFields).toEqual({ [key('serial')]: 'SN-42', [key('model')]: 'laser' });

    const visibleFields = await suite.api().get('/api/v1/ticket-fields').set(bearer(customer.token)).expect(200);
    expect(visibleFields.body.map((f: { key: string }) => f.key)).toEqual([key('serial')]);
    const internalId = (await suite.api().get('/api/v1/ticket-fields').set(bearer(suite.admin))).body.find(
      (f: { key: string }) => f.key === key('model'),
    ).id;
    expectProblem(await suite.api().get(`/api/v1/ticket-fields/${internalId}`).set(bearer(customer.token)), 404);
  });

  it('routes on a custom field value and refuses rules naming unknown fields', async () => {
    const team = (
      await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `Láser ${run}`, tier: 1, routingStrategy: 'round_robin', memberIds: [] })
        .expect(201)
    ).body;
    const unknown = await suite
      .api()
      .post('/api/v1/routing-rules')
      .set(bearer(suite.admin))
      .send({ name: `r ${run}`, conditions: { customFields: [{ key: 'nope', values: ['x'] }] }, teamId: team.id });
    expectProblem(unknown, 422);
    expect(unknown.body.errors[0].field).toBe('conditions.customFields');
    const rule = (
      await suite
        .api()
        .post('/api/v1/routing-rules')
        .set(bearer(suite.admin))
        .send({
          name: `láser ${run}`,
          position: 0,
          conditions: { customFields: [{ key: key('model'), values: ['laser'] }] },
          teamId: team.id,
        })
        .expect(201)
    ).body;
    const routed = await open(suite.admin, { customFields: { [key('model')]: 'laser' } }).expect(201);
    expect(routed.body.teamId).toBe(team.id);
    const notRouted = await open(suite.admin, { customFields: { [key('model')]: 'inkjet' } }).expect(201);
    expect(notRouted.body.teamId).not.toBe(team.id);
    await suite.api().delete(`/api/v1/routing-rules/${rule.id}`).set(bearer(suite.admin)).expect(204);
  });

  it('enforces required-on-create and required-on-solve, and retired fields take no values', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const product = await defineField({
      key: key('product'),
      type: 'text',
      title: 'Producto',
      requiredOnCreate: true,
      editableByCustomers: true,
    });
    const cause = await defineField({
      key: key('cause'),
      type: 'dropdown',
      title: 'Causa raíz',
      requiredOnSolve: true,
      options: [{ value: 'hardware', label: 'Hardware' }],
    });
    const internalRequired = await defineField({ key: key('cost_center'), type: 'text', title: 'Centro de coste', requiredOnCreate: true });

    const missing = await open(suite.admin);
    expectProblem(missing, 422);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [`customFields.${key('product')}`, `customFields.${key('cost_center')}`].sort(),
    );
    // Customers cannot fill internal fields, so only the fields they may edit are required of them.
    const byCustomer = await open(customer.token);
    expectProblem(byCustomer, 422);
    expect(byCustomer.body.errors.map((e: { field: string }) => e.field)).toEqual([`customFields.${key('product')}`]);

    const ticket = await open(suite.admin, { customFields: { [key('product')]: 'ERP', [key('cost_center')]: 'CC-1' } }).expect(201);
    const solve = await suite.api().patch(`/api/v1/tickets/${ticket.body.id}`).set(bearer(suite.admin)).send({ status: 'solved' });
    expectProblem(solve, 422);
    expect(solve.body.errors).toEqual([{ field: `customFields.${key('cause')}`, message: `${key('cause')} is required to solve` }]);
    const bulk = await suite
      .api()
      .post('/api/v1/tickets/bulk')
      .set(bearer(suite.admin))
      .send({ ids: [ticket.body.id], changes: { status: 'solved' } });
    expect(bulk.body.results[0]).toMatchObject({ status: 422 });
    const solved = await suite
      .api()
      .patch(`/api/v1/tickets/${ticket.body.id}`)
      .set(bearer(suite.admin))
      .send({ status: 'solved', customFields: { [key('cause')]: 'hardware' } })
      .expect(200);
    expect(solved.body.status).toBe('solved');
    const clearing = await suite
      .api()
      .patch(`/api/v1/tickets/${ticket.body.id}`)
      .set(bearer(suite.admin))
      .send({ customFields: { [key('cause')]: null } });
    expectProblem(clearing, 422);

    for (const field of [product, cause, internalRequired])
      await suite.api().delete(`/api/v1/ticket-fields/${field.id}`).set(bearer(suite.admin)).expect(204);
    const retired = await open(suite.admin, { customFields: { [key('product')]: 'ERP' } });
    expectProblem(retired, 422);
    expect(retired.body.errors).toEqual([{ field: `customFields.${key('product')}`, message: `${key('product')} is not a custom field` }]);
    const afterRetire = await suite.api().get(`/api/v1/tickets/${ticket.body.id}`).set(bearer(suite.admin)).expect(200);
    expect(afterRetire.body.customFields[key('product')]).toBeUndefined();
    const withInactive = await suite.api().get('/api/v1/ticket-fields?includeInactive=true').set(bearer(suite.admin)).expect(200);
    expect(withInactive.body.find((f: { key: string }) => f.key === key('product')).active).toBe(false);
    await suite
      .api()
      .patch(`/api/v1/ticket-fields/${product.id}`)
      .set(bearer(suite.admin))
      .send({ active: true, requiredOnCreate: false })
      .expect(200);
    const revived = await suite.api().get(`/api/v1/tickets/${ticket.body.id}`).set(bearer(suite.admin)).expect(200);
    expect(revived.body.customFields[key('product')]).toBe('ERP');
    expectProblem(await suite.api().get('/api/v1/ticket-fields?includeInactive=maybe').set(bearer(suite.admin)), 400);
  });
});

import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

describe('Knowledge base: articles, revisions, translations, categories and who reads what', () => {
  const suite = useSuite();
  const staff: Record<'agent' | 'supervisor' | 'customer', { id: string; token: string }> = {} as never;

  beforeAll(async () => {
    for (const role of ['agent', 'supervisor', 'customer'] as const) staff[role] = await userWithRole(suite.target, suite.admin, role);
  });

  const write = (token: string, article: object) => suite.api().post('/api/v1/kb/articles').set(bearer(token)).send(article);
  const draft = async (article: object = {}) => {
    const res = await write(staff.agent.token, {
      title: 'Impresora sin conexión',
      body: 'Reinicia la **cola** de impresión.',
      locale: 'es',
      ...article,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const publish = (id: string, token = suite.admin) => suite.api().post(`/api/v1/kb/articles/${id}/publish`).set(bearer(token));
  const read = (id: string, token?: string) => {
    const req = suite.api().get(`/api/v1/kb/articles/${id}`);
    return token ? req.set(bearer(token)) : req;
  };

  it('an agent drafts; only supervisors and admins publish; customers and anonymous readers see it once published', async () => {
    const article = await draft({ visibility: 'public', tags: ['Impresora', 'hardware'], summary: 'Cola atascada' });
    expect(article).toMatchObject({
      status: 'draft',
      revision: 1,
      version: 1,
      locale: 'es',
      slug: 'impresora-sin-conexion',
      tags: ['impresora', 'hardware'],
      bodyHtml: '<p>Reinicia la <strong>cola</strong> de impresión.</p>\n',
      ownerId: staff.agent.id,
    });
    expectProblem(await read(article.id), 404, 'NOT_FOUND');
    expectProblem(await read(article.id, staff.customer.token), 404, 'NOT_FOUND');
    expect((await read(article.id, staff.agent.token)).status).toBe(200);

    expectProblem(await publish(article.id, staff.agent.token), 403, 'FORBIDDEN');
    const published = await publish(article.id, staff.supervisor.token);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', revision: 1, version: 2, publishedAt: expect.any(String) });

    const anonymous = await read(article.id);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({ title: 'Impresora sin conexión', viewCount: 1 });
    expect((await read(article.id, staff.customer.token)).body.viewCount).toBe(2);
    const listed = await suite.api().get('/api/v1/kb/articles?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toContain(article.id);

    await suite.api().post(`/api/v1/kb/articles/${article.id}/archive`).set(bearer(staff.supervisor.token)).expect(200);
    expectProblem(await read(article.id), 404, 'NOT_FOUND');
    expect((await read(article.id, staff.agent.token)).body.status).toBe('archived');
  });

  it('renders HTML and script in a body harmless, and keeps the Markdown source', async () => {
    const body = '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[clic](javascript:alert(3))\n\n[ok](https://example.com)';
    const article = await draft({ body, title: '<b>Título</b> con <script>x</script>' });
    expect(article.body).toBe(body);
    expect(article.title).toBe('<b>Título</b> con <script>x</script>');
    // Escaped text (&lt;…) is harmless; no real tag may carry a script.
    expect(article.bodyHtml).not.toMatch(/<(script|img)|<[^>]*\son\w+=|<a [^>]*href="javascript:/i);
    expect(article.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(article.bodyHtml).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">ok</a>');
  });

  it('keeps every save as a revision: list, diff and restore, with If-Match against lost updates', async () => {
    const article = await draft({ body: 'Paso 1\nPaso 2\n' });
    const etag = (await read(article.id, staff.agent.token)).headers.etag;
    const second = await suite
      .api()
      .patch(`/api/v1/kb/articles/${article.id}`)
      .set(bearer(staff.agent.token))
      .set('If-Match', etag)
      .send({ body: 'Paso 1\nPaso 2\nPaso 3\n', note: 'Añade el paso 3' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ revision: 2, version: 2 });
    expectProblem(
      await suite
        .api()
        .patch(`/api/v1/kb/articles/${article.id}`)
        .set(bearer(staff.agent.token))
        .set('If-Match', etag)
        .send({ title: 'Otro' }),
      412,
      'PRECONDITION_FAILED',
    );
    // A save that changes nothing is not a revision.
    const same = await suite
      .api()
      .patch(`/api/v1/kb/articles/${article.id}`)
      .set(bearer(staff.agent.token))
      .send({ body: 'Paso 1\nPaso 2\nPaso 3\n' });
    expect(same.body.revision).toBe(2);
    await suite
      .api()
      .patch(`/api/v1/kb/articles/${article.id}`)
      .set(bearer(suite.admin))
      .send({ title: 'Impresora de red sin conexión' })
      .expect(200);

    const revisions = (await suite.api().get(`/api/v1/kb/articles/${article.id}/revisions`).set(bearer(staff.agent.token))).body;
    expect(revisions.map((r: { revision: number }) => r.revision)).toEqual([3, 2, 1]);
    expect(revisions[1]).toMatchObject({ note: 'Añade el paso 3', authorId: staff.agent.id, body: 'Paso 1\nPaso 2\nPaso 3\n' });

    const diff = await suite.api().get(`/api/v1/kb/articles/${article.id}/revisions/diff?from=1&to=3`).set(bearer(staff.agent.token));
    expect(diff.status).toBe(200);
    const byField = Object.fromEntries(diff.body.fields.map((f: { field: string }) => [f.field, f]));
    expect(byField.body).toMatchObject({
      changed: true,
      parts: [
        { op: 'equal', text: 'Paso 1\nPaso 2\n' },
        { op: 'added', text: 'Paso 3\n' },
      ],
    });
    expect(byField.title.changed).toBe(true);
    expect(byField.tags.changed).toBe(false);

    const restored = await suite.api().post(`/api/v1/kb/articles/${article.id}/revisions/1/restore`).set(bearer(staff.agent.token));
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ revision: 4, title: 'Impresora sin conexión', body: 'Paso 1\nPaso 2\n' });
    expect((await suite.api().get(`/api/v1/kb/articles/${article.id}/revisions/4`).set(bearer(staff.agent.token))).body.note).toBe(
      'Restored revision 1',
    );

    expectProblem(await suite.api().get(`/api/v1/kb/articles/${article.id}/revisions/9`).set(bearer(staff.agent.token)), 404, 'NOT_FOUND');
    expectProblem(await suite.api().get(`/api/v1/kb/articles/${article.id}/revisions/abc`).set(bearer(staff.agent.token)), 400);
    expectProblem(await suite.api().get(`/api/v1/kb/articles/${article.id}/revisions/diff?from=1`).set(bearer(staff.agent.token)), 400);
    expectProblem(await suite.api().get(`/api/v1/kb/articles/${article.id}/revisions`).set(bearer(staff.customer.token)), 403, 'FORBIDDEN');
  });

  it('groups language versions: a translation names its siblings, one per locale', async () => {
    const es = await draft({ visibility: 'public' });
    const en = await write(staff.agent.token, {
      title: 'Printer offline',
      body: 'Restart the print queue.',
      locale: 'en',
      translationOf: es.id,
      visibility: 'public',
    });
    expect(en.status).toBe(201);
    expect(en.body.translationGroup).toBe(es.translationGroup);
    expect(en.body.translations).toEqual([{ id: es.id, locale: 'es', title: es.title, status: 'draft' }]);
    expectProblem(await write(staff.agent.token, { title: 'Otra', body: 'x', locale: 'en', translationOf: es.id }), 409, 'CONFLICT');
    expectProblem(await write(staff.agent.token, { title: 'x', body: 'x', locale: 'xx' }), 400, 'VALIDATION_FAILED');
    expectProblem(await write(staff.agent.token, { title: 'x', body: 'x', locale: 'english' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await write(staff.agent.token, { title: 'x', body: 'x', locale: 'en', translationOf: '00000000-0000-4000-8000-000000000000' }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    // Readers see only the versions they may read.
    await publish(en.body.id);
    expect((await read(en.body.id)).body.translations).toEqual([]);
  });

  it('applies visibility by id and in lists: internal for staff, restricted to roles or teams', async () => {
    const internal = await draft({ visibility: 'internal', title: 'Procedimiento interno de escalado' });
    await publish(internal.id);
    expectProblem(await read(internal.id, staff.customer.token), 404, 'NOT_FOUND');
    expectProblem(await read(internal.id), 404, 'NOT_FOUND');
    expect((await read(internal.id, staff.agent.token)).status).toBe(200);

    const team = (
      await suite
        .api()
        .post('/api/v1/teams')
        .set(bearer(suite.admin))
        .send({ name: `Redes ${Date.now()}`, tier: 2 })
        .expect(201)
    ).body;
    const member = await userWithRole(suite.target, suite.admin, 'agent');
    await suite.api().post(`/api/v1/teams/${team.id}/members`).set(bearer(suite.admin)).send({ userId: member.id }).expect(200);
    const restricted = await draft({ visibility: 'restricted', allowedTeamIds: [team.id], title: 'Claves del router central' });
    await publish(restricted.id);
    // Its author reads it; another agent outside the team does not.
    expect((await read(restricted.id, staff.agent.token)).status).toBe(200);
    const outsider = await userWithRole(suite.target, suite.admin, 'agent');
    expectProblem(await read(restricted.id, outsider.token), 404, 'NOT_FOUND');
    expect((await read(restricted.id, member.token)).status).toBe(200);
    expect((await read(restricted.id, staff.supervisor.token)).status).toBe(404);
    expect((await read(restricted.id, suite.admin)).status).toBe(200);

    const forCustomers = await draft({ visibility: 'restricted', allowedRoles: ['customer', 'agent'], title: 'Solo clientes registrados' });
    await publish(forCustomers.id);
    expect((await read(forCustomers.id, staff.customer.token)).status).toBe(200);
    expectProblem(await read(forCustomers.id), 404, 'NOT_FOUND');

    const customerList = (await suite.api().get('/api/v1/kb/articles?limit=100').set(bearer(staff.customer.token))).body.data;
    const ids = customerList.map((a: { id: string }) => a.id);
    expect(ids).toContain(forCustomers.id);
    expect(ids).not.toContain(internal.id);
    expect(ids).not.toContain(restricted.id);
    expect(customerList.every((a: { status: string }) => a.status === 'published')).toBe(true);

    expectProblem(
      await write(staff.agent.token, { title: 'x', body: 'x', locale: 'es', visibility: 'restricted' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('pages lists with a cursor and filters them', async () => {
    const tag = `pag${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i += 1) await draft({ tags: [tag], title: `Página ${i}` });
    const first = await suite.api().get(`/api/v1/kb/articles?tag=${tag}&limit=2`).set(bearer(staff.agent.token));
    expect(first.body.data).toHaveLength(2);
    const second = await suite
      .api()
      .get(`/api/v1/kb/articles?tag=${tag}&limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(staff.agent.token));
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expectProblem(await suite.api().get('/api/v1/kb/articles?cursor=bm9wZQ').set(bearer(staff.agent.token)), 400, 'VALIDATION_FAILED');
    expectProblem(await suite.api().get('/api/v1/kb/articles?status=gone'), 400, 'VALIDATION_FAILED');
  });

  it('refuses bad input with problem details', async () => {
    expectProblem(await write(staff.agent.token, { title: '', body: 'x', locale: 'es' }), 400, 'VALIDATION_FAILED');
    expectProblem(await write(staff.agent.token, { title: 'x', body: '', locale: 'es' }), 400, 'VALIDATION_FAILED');
    expectProblem(await write(staff.agent.token, { title: 'x', body: 'x'.repeat(200_001), locale: 'es' }), 400, 'VALIDATION_FAILED');
    expectProblem(await write(staff.agent.token, { title: 'x', body: 'x', locale: 'es', tags: ['no spaces'] }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await write(staff.agent.token, { title: 'x', body: 'x', locale: 'es', reviewBy: '2027-02-30' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await write(staff.agent.token, { title: 'x', body: 'x', locale: 'es', categoryId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    expectProblem(await write(staff.customer.token, { title: 'x', body: 'x', locale: 'es' }), 403, 'FORBIDDEN');
    expectProblem(await suite.api().post('/api/v1/kb/articles').send({ title: 'x', body: 'x', locale: 'es' }), 401);
    expectProblem(await read('not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectProblem(await read('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectProblem(await suite.api().get('/api/v1/kb/articles').set(bearer('not-a-token')), 401);
  });

  it('honours Idempotency-Key on create', async () => {
    const key = `kb-${Date.now()}`;
    const send = () =>
      suite
        .api()
        .post('/api/v1/kb/articles')
        .set(bearer(staff.agent.token))
        .set('Idempotency-Key', key)
        .send({ title: 'Una vez', body: 'x', locale: 'es' });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });

  it('organizes articles in a category → section tree that anyone can read', async () => {
    const category = await suite
      .api()
      .post('/api/v1/kb/categories')
      .set(bearer(staff.supervisor.token))
      .send({ name: 'Impresoras', names: { en: 'Printers' } });
    expect(category.status).toBe(201);
    const section = await suite
      .api()
      .post('/api/v1/kb/categories')
      .set(bearer(suite.admin))
      .send({ name: 'Red', parentId: category.body.id });
    expect(section.status).toBe(201);
    expectProblem(
      await suite.api().post('/api/v1/kb/categories').set(bearer(suite.admin)).send({ name: 'Demasiado hondo', parentId: section.body.id }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    expectProblem(await suite.api().post('/api/v1/kb/categories').set(bearer(staff.agent.token)).send({ name: 'x' }), 403, 'FORBIDDEN');
    const tree = await suite.api().get('/api/v1/kb/categories');
    expect(tree.status).toBe(200);
    const node = tree.body.find((c: { id: string }) => c.id === category.body.id);
    expect(node).toMatchObject({ name: 'Impresoras', names: { en: 'Printers' }, sections: [{ id: section.body.id, name: 'Red' }] });

    const article = await draft({ categoryId: section.body.id, visibility: 'public' });
    const inCategory = await suite.api().get(`/api/v1/kb/articles?categoryId=${category.body.id}`).set(bearer(staff.agent.token));
    expect(inCategory.body.data.map((a: { id: string }) => a.id)).toEqual([article.id]);
    expectProblem(await suite.api().delete(`/api/v1/kb/categories/${section.body.id}`).set(bearer(suite.admin)), 409, 'CONFLICT');
    await suite.api().delete(`/api/v1/kb/articles/${article.id}`).set(bearer(suite.admin)).expect(204);
    await suite.api().delete(`/api/v1/kb/categories/${section.body.id}`).set(bearer(suite.admin)).expect(204);
    expectProblem(await read(article.id, suite.admin), 404, 'NOT_FOUND');
  });
});

describe('Knowledge base: the public portal is rate-limited per address', () => {
  const suite = useSuite({ RATE_LIMIT_PER_MINUTE: '5' });

  it('answers 429 with Retry-After once an anonymous reader passes the limit', async () => {
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await suite.api().get('/api/v1/kb/articles'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = answers[5];
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

type Hit = { id: string; title: string; snippet: string; locale: string; status: string; score: number; tags: string[] };

describe('Knowledge base: search, suggestions and deflection', () => {
  const suite = useSuite();
  const users: Record<'agent' | 'supervisor' | 'customer', { id: string; token: string }> = {} as never;
  const ids: Record<string, string> = {};
  let hardware: string;
  let printers: string;

  const article = async (key: string, fields: object, publish = true): Promise<void> => {
    const res = await suite
      .api()
      .post('/api/v1/kb/articles')
      .set(bearer(suite.admin))
      .send({ visibility: 'public', locale: 'es', ...fields });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
    if (publish) await suite.api().post(`/api/v1/kb/articles/${res.body.id}/publish`).set(bearer(suite.admin)).expect(200);
  };

  beforeAll(async () => {
    for (const role of ['agent', 'supervisor', 'customer'] as const) users[role] = await userWithRole(suite.target, suite.admin, role);
    hardware = (await suite.api().post('/api/v1/kb/categories').set(bearer(suite.admin)).send({ name: 'Hardware' }).expect(201)).body.id;
    printers = (
      await suite.api().post('/api/v1/kb/categories').set(bearer(suite.admin)).send({ name: 'Impresoras', parentId: hardware }).expect(201)
    ).body.id;
    // Spanish
    await article('duplex', {
      title: 'Impresión a doble cara',
      body: 'Activa la opción dúplex en el cuadro de diálogo antes de enviar el trabajo de impresión.',
      tags: ['documentos'],
    });
    await article('offline', {
      title: 'La impresora no imprime',
      summary: 'Qué hacer cuando no sale ninguna hoja.',
      body: 'Reinicia la cola de impresión, comprueba el cable y vuelve a enviar el documento.',
      tags: ['impresora', 'hardware'],
      categoryId: printers,
    });
    await article('password', {
      title: 'Cómo cambiar la contraseña',
      body: 'Abre tu perfil y pulsa «Cambiar contraseña». La nueva debe tener 12 caracteres.',
      tags: ['cuenta'],
    });
    await article('vpnEs', {
      title: 'Configurar la VPN de la oficina',
      body: 'El cliente VPN pide el usuario y la contraseña de la red de la oficina.',
      visibility: 'internal',
    });
    await article('draft', { title: 'Recepción: impresora nueva', body: 'Borrador sobre la impresora nueva de recepción.' }, false);
    await article('script', {
      title: 'Mensajes del navegador',
      body: 'Si el navegador muestra <script>alert(1)</script> en la página, avisa a sistemas.',
    });
    await article('scannerNet', { title: 'Escáner de red', body: 'El escáner envía a la carpeta compartida.', tags: ['escaner', 'red'] });
    await article('scannerUsb', { title: 'Escáner USB', body: 'El escáner se conecta por cable.', tags: ['escaner', 'usb'] });
    // English
    await article('printerEn', {
      title: 'Printer is offline',
      body: 'Restart the print spooler and check the cable.',
      tags: ['hardware'],
      locale: 'en',
      categoryId: printers,
    });
    await article('duplexEn', { title: 'Printing double-sided', body: 'Choose duplex in the print dialog.', locale: 'en' });
    await article('wifiEn', {
      title: 'Connect to the office Wi-Fi',
      body: 'Pick the Corp network and sign in with your e-mail.',
      locale: 'en',
    });
    await article('passwordEn', { title: 'Reset your password', body: 'Open your profile and choose Change password.', locale: 'en' });
    await article('vpnEn', {
      title: 'VPN setup for staff',
      body: 'The VPN client asks for your network password.',
      locale: 'en',
      visibility: 'internal',
    });
  });

  const search = (query: string, token?: string) => {
    const req = suite.api().get(`/api/v1/kb/search?${query}`);
    return token ? req.set(bearer(token)) : req;
  };
  const hits = async (query: string, token?: string): Promise<Hit[]> => {
    const res = await search(query, token);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const suggest = (query: string, token?: string) => {
    const req = suite.api().get(`/api/v1/kb/suggestions?${query}`);
    return token ? req.set(bearer(token)) : req;
  };

  describe('quality', () => {
    it('ignores accents and puts a title match first: "impresion" finds "Impresión a doble cara" before a body-only match', async () => {
      const found = await hits('q=impresion&locale=es');
      expect(found[0]?.id).toBe(ids.duplex);
      expect(found.map((h) => h.id)).toContain(ids.offline);
      expect(found[0]?.score).toBeGreaterThan(found.find((h) => h.id === ids.offline)?.score ?? Infinity);
    });

    it('stems Spanish: "impresoras" finds the "impresora" article', async () => {
      expect((await hits('q=impresoras&locale=es'))[0]?.id).toBe(ids.offline);
    });

    it('stems English: "printers" finds the "printer" article', async () => {
      expect((await hits('q=printers&locale=en'))[0]?.id).toBe(ids.printerEn);
    });

    it('finds "contraseña" with or without the ñ', async () => {
      expect((await hits(`q=${encodeURIComponent('contraseña')}&locale=es`))[0]?.id).toBe(ids.password);
      expect((await hits('q=contrasena&locale=es'))[0]?.id).toBe(ids.password);
    });

    it('falls back to titles close in spelling for a typo, and says what was meant', async () => {
      const res = await search('q=imprsora&locale=es').expect(200);
      expect(res.body).toMatchObject({ fallback: 'fuzzy', didYouMean: 'impresora', nextCursor: null });
      expect(res.body.data[0].id).toBe(ids.offline);
      const exact = await search('q=impresora&locale=es').expect(200);
      expect(exact.body.data[0].id).toBe(ids.offline);
      expect(exact.body.didYouMean).toBeUndefined();
      const enough = await search(`q=${encodeURIComponent('escáner or impresora or contraseña')}&locale=es`).expect(200);
      expect(enough.body.data.length).toBeGreaterThanOrEqual(3);
      expect(enough.body.fallback).toBe('none');
    });

    it('finds hyphenated words written joined or apart: "wifi" and "Wi-Fi", "email" and "e-mail"', async () => {
      expect((await hits('q=wifi&locale=en'))[0]?.id).toBe(ids.wifiEn);
      expect((await hits('q=wi-fi&locale=en'))[0]?.id).toBe(ids.wifiEn);
      expect((await hits('q=email&locale=en'))[0]?.id).toBe(ids.wifiEn);
    });

    it('adds articles holding some of the words when too few hold them all', async () => {
      const res = await search(`q=${encodeURIComponent('escáner impresora portátil')}&locale=es`).expect(200);
      expect(res.body.fallback).toBe('partial');
      const found = res.body.data.map((h: Hit) => h.id);
      expect(found).toEqual(expect.arrayContaining([ids.offline, ids.scannerNet, ids.scannerUsb]));
      expect(found).not.toContain(ids.draft);
      // A phrase is not widened: its words belong together.
      expect((await search(`q=${encodeURIComponent('"escáner impresora"')}&locale=es`).expect(200)).body.fallback).not.toBe('partial');
    });

    it('searches every locale, each article in its own language, when no locale is given', async () => {
      const found = (await hits('q=vpn', users.agent.token)).map((h) => h.id);
      expect(found).toEqual(expect.arrayContaining([ids.vpnEs, ids.vpnEn]));
      expect((await hits('q=vpn&locale=en', users.agent.token)).map((h) => h.id)).toEqual([ids.vpnEn]);
    });

    it('filters by tags (all of them), by category with its sections, and by locale', async () => {
      expect((await hits(`q=${encodeURIComponent('escáner')}&tags=escaner,red`)).map((h) => h.id)).toEqual([ids.scannerNet]);
      expect((await hits('q=escaner&tags=escaner&tags=usb')).map((h) => h.id)).toEqual([ids.scannerUsb]);
      expect((await hits('q=escaner&tags=escaner')).map((h) => h.id).sort()).toEqual([ids.scannerNet, ids.scannerUsb].sort());
      const inHardware = (await hits(`q=impresora printer&categoryId=${hardware}`)).map((h) => h.id);
      expect(inHardware.length).toBeGreaterThan(0);
      expect(inHardware.every((id) => [ids.offline, ids.printerEn].includes(id))).toBe(true);
      const printer = await hits(`q=printer&categoryId=${printers}&locale=en`);
      expect(printer.map((h) => h.id)).toEqual([ids.printerEn]);
    });

    it('highlights the matched words in <mark> and escapes the rest of the snippet', async () => {
      const [hit] = await hits('q=cola&locale=es');
      expect(hit?.id).toBe(ids.offline);
      expect(hit?.snippet).toContain('<mark>cola</mark>');
      const [script] = await hits('q=navegador&locale=es');
      expect(script?.id).toBe(ids.script);
      expect(script?.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(script?.snippet).not.toMatch(/<(?!\/?mark>)/);
    });

    it('pages ranked results with an opaque cursor', async () => {
      const first = await search('q=escaner&limit=1').expect(200);
      expect(first.body.data).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await search(`q=escaner&limit=1&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.data).toHaveLength(1);
      expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('visibility', () => {
    it('never gives customers or anonymous readers an internal or draft article, by search, suggestion or id; staff find them', async () => {
      for (const token of [undefined, users.customer.token]) {
        expect(await hits('q=vpn', token)).toEqual([]);
        expect((await hits('q=recepcion', token)).map((h) => h.id)).not.toContain(ids.draft);
        const suggested = await suggest(
          `text=${encodeURIComponent('No me conecta la VPN de la oficina, la contraseña falla')}`,
          token,
        ).expect(200);
        expect(suggested.body.data.map((s: { id: string }) => s.id)).not.toContain(ids.vpnEs);
        for (const id of [ids.vpnEs, ids.draft]) {
          const read = suite.api().get(`/api/v1/kb/articles/${id}`);
          expectProblem(await (token ? read.set(bearer(token)) : read), 404, 'NOT_FOUND');
        }
      }
      expect((await hits('q=vpn&locale=es', users.agent.token)).map((h) => h.id)).toEqual([ids.vpnEs]);
      expect((await hits('q=recepcion', users.agent.token)).map((h) => h.id)).toContain(ids.draft);
      const staff = await suggest(`text=${encodeURIComponent('No me conecta la VPN de la oficina')}`, users.agent.token).expect(200);
      expect(staff.body.data[0].id).toBe(ids.vpnEs);
      const draftSuggested = await suggest(`text=${encodeURIComponent('impresora nueva de recepción')}`, users.agent.token).expect(200);
      expect(draftSuggested.body.data.map((s: { id: string }) => s.id)).not.toContain(ids.draft);
    });
  });

  describe('suggestions', () => {
    it('suggests the best articles for a long text in its language, with a session id and safe snippets', async () => {
      const text =
        'No puedo imprimir\nDesde ayer la impresora de la oficina no imprime nada, ya la apagué y encendí y sigue igual. '.repeat(3);
      const res = await suggest(`text=${encodeURIComponent(text)}&locale=es`).expect(200);
      expect(res.body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.data[0]).toMatchObject({ id: ids.offline, title: 'La impresora no imprime', url: `/kb/articles/${ids.offline}` });
      expect(res.body.data.length).toBeLessThanOrEqual(5);
      const en = await suggest(`text=${encodeURIComponent('My printer shows offline')}&locale=en&limit=1`).expect(200);
      expect(en.body.data).toEqual([expect.objectContaining({ id: ids.printerEn })]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an empty query', 'q='],
      ['a blank query', 'q=%20%20'],
      ['no query', 'locale=es'],
      ['a query over 200 characters', `q=${'a'.repeat(201)}`],
      ['a locale not configured', 'q=impresora&locale=fr'],
      ['a malformed locale', 'q=impresora&locale=xx-yy'],
      ['a limit over 50', 'q=impresora&limit=51'],
      ['a forged cursor', 'q=impresora&cursor=Zm9v'],
      ['a malformed category', 'q=impresora&categoryId=nope'],
    ])('answers %s with 400', async (_label, query) => {
      expectProblem(await search(query), 400, 'VALIDATION_FAILED');
    });

    it('answers bad suggestion requests with 400', async () => {
      expectProblem(await suggest('text='), 400, 'VALIDATION_FAILED');
      expectProblem(await suggest(`text=${'a'.repeat(5001)}`), 400, 'VALIDATION_FAILED');
      expectProblem(await suggest('text=hola&locale=fr'), 400, 'VALIDATION_FAILED');
      expectProblem(await suggest('text=hola&limit=11'), 400, 'VALIDATION_FAILED');
    });

    it('treats HTML and query syntax in a query as words', async () => {
      const res = await search(`q=${encodeURIComponent('<script>alert(1)</script> & | ! ( :*')}`).expect(200);
      expect(JSON.stringify(res.body)).not.toContain('<script>');
    });
  });

  describe('deflection', () => {
    const event = (sessionId: string, body: object, token?: string) => {
      const req = suite.api().post(`/api/v1/kb/suggestion-sessions/${sessionId}/events`);
      return (token ? req.set(bearer(token)) : req).send(body);
    };

    it('logs clicks, solves and tickets per session and counts the deflection rate', async () => {
      // Sessions of source `agent` are this test's only.
      const from = new Date().toISOString();
      const solved = (await suggest(`text=${encodeURIComponent('la impresora no imprime')}&locale=es&source=agent`).expect(200)).body;
      const articleId = solved.data[0].id;
      expect(await event(solved.sessionId, { kind: 'clicked', articleId }).expect(200)).toMatchObject({
        body: { sessionId: solved.sessionId, kind: 'clicked', articleId, recorded: true },
      });
      expect((await event(solved.sessionId, { kind: 'clicked', articleId }).expect(200)).body.recorded).toBe(false);
      expect((await event(solved.sessionId, { kind: 'solved', articleId }).expect(200)).body.recorded).toBe(true);

      const filed = (
        await suggest(`text=${encodeURIComponent('cambiar contraseña')}&locale=es&source=agent`, users.customer.token).expect(200)
      ).body;
      expect(filed.data.length).toBeGreaterThan(0);
      expect((await event(filed.sessionId, { kind: 'ticket_created' }, users.customer.token).expect(200)).body).toMatchObject({
        kind: 'ticket_created',
        articleId: null,
        recorded: true,
      });
      const empty = (await suggest('text=zzzz%20qqqq&locale=es&source=agent').expect(200)).body;
      expect(empty).toEqual({ sessionId: expect.any(String), data: [] });

      const to = new Date(Date.now() + 60_000).toISOString();
      const report = await suite
        .api()
        .get(`/api/v1/kb/deflection?from=${from}&to=${to}&source=agent`)
        .set(bearer(users.supervisor.token))
        .expect(200);
      expect(report.body).toMatchObject({
        sessions: 2,
        emptySessions: 1,
        clicked: 1,
        deflected: 1,
        ticketCreated: 1,
        deflectionRate: 0.5,
        clickThroughRate: 0.5,
      });
      const form = await suite.api().get(`/api/v1/kb/deflection?from=${from}&to=${to}&source=form`).set(bearer(suite.admin)).expect(200);
      expect(form.body.sessions).toBe(0);
      expectProblem(await suite.api().get('/api/v1/kb/deflection').set(bearer(users.customer.token)), 403);
      expectProblem(await suite.api().get('/api/v1/kb/deflection').set(bearer(users.agent.token)), 403);
      expectProblem(await suite.api().get(`/api/v1/kb/deflection?from=${to}&to=${from}`).set(bearer(suite.admin)), 400);
    });

    it('answers 404 for an unknown session, 422 for an article not suggested in it, 400 for a bad kind', async () => {
      expectProblem(await event('00000000-0000-4000-8000-000000000000', { kind: 'clicked', articleId: ids.offline }), 404, 'NOT_FOUND');
      expectProblem(await event('not-a-uuid', { kind: 'clicked', articleId: ids.offline }), 400, 'VALIDATION_FAILED');
      const session = (await suggest(`text=${encodeURIComponent('la impresora no imprime')}&locale=es`).expect(200)).body;
      expectProblem(await event(session.sessionId, { kind: 'clicked', articleId: ids.vpnEs }), 422);
      expectProblem(await event(session.sessionId, { kind: 'liked', articleId: ids.offline }), 400, 'VALIDATION_FAILED');
      expectProblem(await event(session.sessionId, { kind: 'solved' }), 400, 'VALIDATION_FAILED');
    });
  });
});

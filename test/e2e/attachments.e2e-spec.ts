import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { bearer, expectProblem, userWithRole } from '../support/api';
import { useSuite } from '../support/suite';

/** A limit above the gateway's 1 MiB JSON body limit, so uploads are shown not to be bound by it. */
const MAX_BYTES = 1_500_000;

/** Collects a response body as bytes whatever its content type (problems are still parsed as JSON). */
function binary(response: request.Response, done: (error: Error | null, body: unknown) => void): void {
  // superagent hands parsers the node response stream
  const res = response as unknown as IncomingMessage;
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => {
    const bytes = Buffer.concat(chunks);
    done(null, /^application\/problem\+json/.test(res.headers['content-type'] ?? '') ? JSON.parse(bytes.toString()) : bytes);
  });
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('Attachments: upload, download, visibility and merge', () => {
  const suite = useSuite({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });

  const open = async (token = suite.admin) =>
    (await suite.api().post('/api/v1/tickets').set(bearer(token)).send({ subject: 'Impresora', description: 'No imprime' }).expect(201))
      .body;
  const upload = (token: string, ticketId: string, data: Buffer, filename = 'file.bin', contentType = 'application/octet-stream') =>
    suite.api().post(`/api/v1/tickets/${ticketId}/attachments`).set(bearer(token)).attach('file', data, { filename, contentType });
  const uploaded = async (token: string, ticketId: string, data: Buffer, filename = 'file.txt', contentType = 'text/plain') => {
    const res = await upload(token, ticketId, data, filename, contentType);
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; url: string; filename: string };
  };
  const download = (token: string, url: string) => suite.api().get(url).set(bearer(token)).buffer(true).parse(binary);
  const comment = (token: string, ticketId: string, body: object) =>
    suite.api().post(`/api/v1/tickets/${ticketId}/comments`).set(bearer(token)).send(body);

  it('stores a binary file of several chunks and serves back the same bytes', async () => {
    const t = await open();
    const content = randomBytes(1_200_000);
    const res = await upload(suite.admin, t.id, content, 'informe año.bin', 'application/x-custom');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      filename: 'informe año.bin',
      contentType: 'application/x-custom',
      size: content.length,
      sha256: sha256(content),
      commentId: null,
      createdAt: expect.any(String),
      url: `/api/v1/tickets/${t.id}/attachments/${res.body.id}`,
    });
    expect(res.headers.location).toBe(res.body.url);

    const got = await download(suite.admin, res.body.url);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, content)).toBe(0);
    expect(got.headers['content-type']).toBe('application/x-custom');
    expect(got.headers['content-length']).toBe(String(content.length));
    expect(got.headers['content-disposition']).toBe(`attachment; filename="informe a_o.bin"; filename*=UTF-8''informe%20a%C3%B1o.bin`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers.etag).toBe(`"${sha256(content)}"`);

    await suite.api().get(res.body.url).set(bearer(suite.admin)).set('If-None-Match', got.headers.etag).expect(304);
    const listed = await suite.api().get(`/api/v1/tickets/${t.number}/attachments`).set(bearer(suite.admin)).expect(200);
    expect(listed.body).toEqual([res.body]);
  });

  it('keeps only the name of a file sent with a path, and octet-stream when no type is given', async () => {
    const t = await open();
    const res = await suite
      .api()
      .post(`/api/v1/tickets/${t.id}/attachments`)
      .set(bearer(suite.admin))
      .attach('file', Buffer.from('hola'), { filename: '..\\..\\windows\\system.ini', contentType: 'not a type' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ filename: 'system.ini', contentType: 'application/octet-stream', size: 4 });
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and keeps nothing of it', async () => {
    const t = await open();
    const res = await upload(suite.admin, t.id, randomBytes(MAX_BYTES + 1));
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect((await suite.api().get(`/api/v1/tickets/${t.id}/attachments`).set(bearer(suite.admin))).body).toEqual([]);
    // A file of exactly the limit is fine.
    await upload(suite.admin, t.id, randomBytes(MAX_BYTES)).expect(201);
  });

  it('documents the upload as multipart/form-data with a binary file part', async () => {
    const doc = (await suite.api().get('/docs-json').expect(200)).body;
    const post = doc.paths['/api/v1/tickets/{idOrNumber}/attachments'].post;
    expect(post.requestBody.content['multipart/form-data'].schema).toMatchObject({
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    });
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '404', '413', '415']));
    expect(doc.paths['/api/v1/tickets/{idOrNumber}/attachments/{attachmentId}'].get.responses['200'].content).toHaveProperty(
      'application/octet-stream',
    );
  });

  it('takes only multipart/form-data with a part named file', async () => {
    const t = await open();
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/attachments`).set(bearer(suite.admin)).send({ file: 'aGVsbG8=' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(
      await suite
        .api()
        .post(`/api/v1/tickets/${t.id}/attachments`)
        .set(bearer(suite.admin))
        .set('Content-Type', 'application/pdf')
        .send('%PDF-1.7'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/attachments`).set(bearer(suite.admin)).field('note', 'no file'),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await suite.api().post(`/api/v1/tickets/${t.id}/attachments`).set(bearer(suite.admin)).attach('document', Buffer.from('x'), 'x.txt'),
      400,
      'VALIDATION_FAILED',
    );
    // Other routes still take JSON only.
    expectProblem(await suite.api().post('/api/v1/tickets').set(bearer(suite.admin)).field('subject', 's').field('description', 'd'), 415);
    expect((await suite.api().get(`/api/v1/tickets/${t.id}/attachments`).set(bearer(suite.admin))).body).toEqual([]);
  });

  it('takes no attachments on a closed ticket, nor on one the caller cannot see', async () => {
    const t = await open();
    await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'solved' }).expect(200);
    await suite.api().patch(`/api/v1/tickets/${t.id}`).set(bearer(suite.admin)).send({ status: 'closed' }).expect(200);
    expectProblem(await upload(suite.admin, t.id, Buffer.from('late')), 422, 'TICKET_CLOSED');
    const stranger = await userWithRole(suite.target, suite.admin, 'customer');
    const other = await open();
    expectProblem(await upload(stranger.token, other.id, Buffer.from('x')), 404);
  });

  it('shows an attachment as far as its comment goes: internal-note files to staff only, reply files to the requester', async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const agent = await userWithRole(suite.target, suite.admin, 'agent');
    const t = await open(customer.token);
    const internal = await uploaded(agent.token, t.id, Buffer.from('server logs'), 'logs.txt');
    const reply = await uploaded(agent.token, t.id, Buffer.from('how to fix it'), 'guide.txt');
    const note = await comment(agent.token, t.id, { body: 'logs attached', public: false, attachmentIds: [internal.id] });
    expect(note.status).toBe(201);
    expect(note.body.attachments).toEqual([
      { id: internal.id, filename: 'logs.txt', contentType: 'text/plain', size: 11, url: internal.url },
    ]);
    await comment(agent.token, t.id, { body: 'see the guide', attachmentIds: [reply.id] }).expect(201);

    // Before linking, a customer's own upload is theirs (and staff's) only.
    const own = await uploaded(customer.token, t.id, Buffer.from('screenshot'), 'screen.png', 'image/png');
    expect((await download(customer.token, own.url)).status).toBe(200);
    expect((await download(agent.token, own.url)).status).toBe(200);

    expectProblem(await download(customer.token, internal.url), 404, 'NOT_FOUND');
    const got = await download(customer.token, reply.url);
    expect(got.status).toBe(200);
    expect((got.body as Buffer).toString()).toBe('how to fix it');
    expect((await download(agent.token, internal.url)).status).toBe(200);

    const seen = await suite.api().get(`/api/v1/tickets/${t.id}/attachments`).set(bearer(customer.token)).expect(200);
    expect(seen.body.map((a: { id: string }) => a.id).sort()).toEqual([reply.id, own.id].sort());
    const comments = (await suite.api().get(`/api/v1/tickets/${t.id}/comments`).set(bearer(customer.token)).expect(200)).body;
    expect(comments.map((c: { body: string; attachments: { id: string }[] }) => [c.body, c.attachments.map((a) => a.id)])).toEqual([
      ['see the guide', [reply.id]],
    ]);
    const staffComments = (await suite.api().get(`/api/v1/tickets/${t.id}/comments`).set(bearer(agent.token)).expect(200)).body;
    expect(staffComments.map((c: { attachments: { id: string }[] }) => c.attachments.map((a) => a.id))).toEqual([
      [internal.id],
      [reply.id],
    ]);

    const stranger = await userWithRole(suite.target, suite.admin, 'customer');
    expectProblem(await download(stranger.token, reply.url), 404);
    expectProblem(await download(stranger.token, own.url), 404);
    expectProblem(await suite.api().get(`/api/v1/tickets/${t.id}/attachments`).set(bearer(stranger.token)), 404);
    expectProblem(await download(suite.admin, `/api/v1/tickets/${t.id}/attachments/00000000-0000-4000-8000-000000000000`), 404);
  });

  it("refuses to link someone else's upload, another ticket's, one already linked or an unknown one, per entry", async () => {
    const customer = await userWithRole(suite.target, suite.admin, 'customer');
    const t = await open(customer.token);
    const other = await open(customer.token);
    const theirs = await uploaded(customer.token, t.id, Buffer.from('customer file'));
    const elsewhere = await uploaded(suite.admin, other.id, Buffer.from('other ticket'));
    const mine = await uploaded(suite.admin, t.id, Buffer.from('mine'));

    const res = await comment(suite.admin, t.id, {
      body: 'adjunto',
      attachmentIds: [mine.id, theirs.id, elsewhere.id, '00000000-0000-4000-8000-000000000000'],
    });
    expectProblem(res, 422, 'UNPROCESSABLE_ENTITY');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['attachmentIds.1', 'attachmentIds.2', 'attachmentIds.3']);
    expect((await suite.api().get(`/api/v1/tickets/${t.id}/comments`).set(bearer(suite.admin))).body).toEqual([]);

    await comment(suite.admin, t.id, { body: 'adjunto', attachmentIds: [mine.id] }).expect(201);
    const again = await comment(suite.admin, t.id, { body: 'otra vez', attachmentIds: [mine.id] });
    expectProblem(again, 422);
    expect(again.body.errors).toEqual([{ field: 'attachmentIds.0', message: `${mine.id} already belongs to a comment` }]);
    expectProblem(await comment(suite.admin, t.id, { body: 'x', attachmentIds: ['not-a-uuid'] }), 400, 'VALIDATION_FAILED');
  });

  it('moves attachments with the conversation when a ticket is merged', async () => {
    const source = await open();
    const into = await open();
    const linked = await uploaded(suite.admin, source.id, Buffer.from('with a comment'));
    const loose = await uploaded(suite.admin, source.id, Buffer.from('not linked yet'));
    await comment(suite.admin, source.id, { body: 'evidencia', attachmentIds: [linked.id] }).expect(201);

    const res = await suite.api().post(`/api/v1/tickets/${source.id}/merge`).set(bearer(suite.admin)).send({ into: into.number });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ movedComments: 1, movedAttachments: 2 });

    const listed = (await suite.api().get(`/api/v1/tickets/${into.id}/attachments`).set(bearer(suite.admin)).expect(200)).body;
    expect(listed.map((a: { id: string }) => a.id).sort()).toEqual([linked.id, loose.id].sort());
    const moved = listed.find((a: { id: string }) => a.id === linked.id);
    expect(moved.url).toBe(`/api/v1/tickets/${into.id}/attachments/${linked.id}`);
    expect(((await download(suite.admin, moved.url)).body as Buffer).toString()).toBe('with a comment');
    expectProblem(await download(suite.admin, linked.url), 404);
    expect((await suite.api().get(`/api/v1/tickets/${source.id}/attachments`).set(bearer(suite.admin))).body).toEqual([]);
    const comments = (await suite.api().get(`/api/v1/tickets/${into.id}/comments`).set(bearer(suite.admin))).body;
    expect(comments.find((c: { body: string }) => c.body === 'evidencia').attachments.map((a: { url: string }) => a.url)).toEqual([
      moved.url,
    ]);
  });
});

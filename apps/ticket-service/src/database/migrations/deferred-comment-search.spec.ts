import { sqlRows, startServiceScratchDatabase, type ScratchDatabase } from '@helpdesk/platform';
import { DataSource } from 'typeorm';
import { SearchFoldFixture } from '../../../../../test/support/search-fold-fixture';
import { TICKET_DATABASE } from '../schema';
import { DeferredCommentSearch1766300000000 } from './1766300000000-DeferredCommentSearch';

/**
 * Migration 1766300000000 on PostgreSQL (embedded): comments wait beside their ticket, are found
 * there, and are folded in once. Locks and concurrent writers: test/e2e/search-fold.e2e-spec.ts on
 * the real server (the embedded one runs one statement at a time).
 */
describe('DeferredCommentSearch1766300000000', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let db: SearchFoldFixture;

  beforeAll(async () => {
    scratch = await startServiceScratchDatabase('deferred-comment-search', TICKET_DATABASE);
    dataSource = scratch.dataSource;
    db = new SearchFoldFixture((sql, params) => dataSource.query(sql, params));
    await db.users();
  }, 120_000);

  afterAll(async () => {
    await scratch?.stop();
  });

  beforeEach(async () => {
    await db.fold();
  });

  it('keeps a new comment beside its ticket, found there with the ticket’s own words, internal notes for staff only', async () => {
    const id = await db.ticket('Impresora del tercer piso');
    await db.comment(id, 'Sigue sin conexión');
    await db.comment(id, 'Cliente difícil', false);
    const row = await db.pending(id);
    expect(row?.search_vector).toContain("'conexion'");
    expect(row?.internal_search_vector).toContain("'dificil'");
    const [{ folded }] = await sqlRows<{ folded: boolean }>(
      dataSource,
      `SELECT search_vector @@ ticket.search_query('conexion') OR internal_search_vector IS NOT NULL AS folded FROM "ticket"."tickets" WHERE id = $1`,
      [id],
    );
    expect(folded).toBe(false);
    expect(await db.matches('impresora conexión', false)).toEqual([id]);
    expect(await db.matches('impresora teclado', false)).toEqual([]);
    expect(await db.matches('difícil', false)).toEqual([]);
    expect(await db.matches('difícil', true)).toEqual([id]);
  });

  it('looks past pending comments without a word of the query, and takes any text: quotes, backslashes, only stop words', async () => {
    const id = await db.ticket('Factura duplicada');
    await db.comment(id, `O'Brien dice: ruta C:\\datos\\facturas`);
    expect(await db.matches('duplicada', false)).toEqual([]); // the ticket itself matches: the search's own condition finds it
    expect(await db.matches(`o'brien factura`, false)).toEqual([id]);
    expect(await db.matches('datos\\facturas', false)).toEqual([id]);
    expect(await db.matches('de la y', false)).toEqual([]);
    expect(await db.matches(`'"\\`, true)).toEqual([]);
  });

  it('folds what was pending into the ticket once: the same vectors searches saw, and what a rebuild gives', async () => {
    const id = await db.ticket('Correo caído', 'Outlook no sincroniza');
    for (const text of ['Primero reinicié', 'Luego borré la caché', 'Ya funciona a medias']) await db.comment(id, text);
    await db.comment(id, 'Revisar licencia', false);
    const [seen] = await sqlRows<{ public: string; internal: string }>(
      dataSource,
      `SELECT ticket.search_with_pending(t.search_vector, p.search_vector)::text AS public,
              ticket.search_with_pending(t.internal_search_vector, p.internal_search_vector)::text AS internal
         FROM "ticket"."tickets" t JOIN "ticket"."ticket_search_pending" p ON p.ticket_id = t.id WHERE t.id = $1`,
      [id],
    );
    expect(await db.fold('1 hour')).toBe(0);
    expect(await db.fold()).toBe(1);
    expect(await db.pending(id)).toBeNull();
    const [after] = await sqlRows<{ public: string; internal: string }>(
      dataSource,
      `SELECT search_vector::text AS public, internal_search_vector::text AS internal FROM "ticket"."tickets" WHERE id = $1`,
      [id],
    );
    expect(after).toEqual(seen);
    const v = await db.vectors(id);
    expect(v.public).toEqual(v.rebuilt_public);
    expect(v.internal).toEqual(v.rebuilt_internal);
    expect(await db.matches('caché', false)).toEqual([]);
  });

  it('folds the oldest first, at most as many tickets as asked', async () => {
    const ids = [await db.ticket('Uno'), await db.ticket('Dos'), await db.ticket('Tres')];
    for (const id of ids) await db.comment(id, 'Respuesta');
    expect(await db.fold('0', 2)).toBe(2);
    expect(await db.pending(ids[0])).toBeNull();
    expect(await db.pending(ids[1])).toBeNull();
    expect(await db.pending(ids[2])).not.toBeNull();
    expect(await db.fold('0', 2)).toBe(1);
  });

  it('drops the pending row when the ticket is rebuilt: a comment changed or deleted, a new subject (keeping pending internal notes)', async () => {
    const id = await db.ticket('Teclado roto');
    await db.comment(id, 'Falta la tecla eñe');
    await db.comment(id, 'Nota interna garantía', false);
    await dataSource.query(`UPDATE "ticket"."tickets" SET subject = 'Teclado nuevo' WHERE id = $1`, [id]);
    expect(await db.pending(id)).toBeNull();
    let v = await db.vectors(id);
    expect(v.public).toEqual(v.rebuilt_public);
    expect(v.internal).toEqual(v.rebuilt_internal);
    expect(v.public).toContain('nuevo');
    expect(v.internal).toContain('garantia');

    const changed = await db.comment(id, 'Texto con errata');
    expect(await db.pending(id)).not.toBeNull();
    await dataSource.query(`UPDATE "ticket"."ticket_comments" SET body = 'Texto corregido' WHERE id = $1`, [changed]);
    expect(await db.pending(id)).toBeNull();
    v = await db.vectors(id);
    expect(v.public).toEqual(v.rebuilt_public);
    expect(v.public).not.toContain('errata');

    const deleted = await db.comment(id, 'Mensaje equivocado');
    await dataSource.query(`DELETE FROM "ticket"."ticket_comments" WHERE id = $1`, [deleted]);
    expect(await db.pending(id)).toBeNull();
    v = await db.vectors(id);
    expect(v.public).toEqual(v.rebuilt_public);
    expect(v.public).not.toContain('equivocado');
  });

  it('moves with a merged comment: both tickets rebuilt, nothing left pending', async () => {
    const source = await db.ticket('Origen');
    const into = await db.ticket('Destino');
    await db.comment(source, 'Detalle trasladado');
    await dataSource.query(`UPDATE "ticket"."ticket_comments" SET ticket_id = $2 WHERE ticket_id = $1`, [source, into]);
    expect(await db.pending(source)).toBeNull();
    expect(await db.pending(into)).toBeNull();
    expect((await db.vectors(into)).public).toContain('trasladado');
    expect((await db.vectors(source)).public).not.toContain('trasladado');
  });

  it('is undone by the down migration with every pending comment folded in first', async () => {
    const id = await db.ticket('Reversión');
    await db.comment(id, 'Comentario pendiente');
    const runner = dataSource.createQueryRunner();
    try {
      await new DeferredCommentSearch1766300000000().down(runner);
      expect((await db.vectors(id)).public).toContain('pendient');
      await db.comment(id, 'Comentario directo');
      expect((await db.vectors(id)).public).toContain('direct');
      await new DeferredCommentSearch1766300000000().up(runner);
      await db.comment(id, 'Otra vez diferido');
      expect(await db.pending(id)).not.toBeNull();
    } finally {
      await runner.release();
    }
  });
});

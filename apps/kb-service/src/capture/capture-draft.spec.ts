import { plainText, renderMarkdown } from '../articles/markdown';
import { captureDraft, captureLocale, escapeMarkdown, htmlToText, pickSolvingReply, ReplyCandidate, replyText } from './capture-draft';

const STAFF = new Set(['agent', 'boss']);
const isStaff = (id: string) => STAFF.has(id);
const comment = (id: string, authorId: string, createdAt: string, isPublic = true): ReplyCandidate => ({
  id,
  authorId,
  public: isPublic,
  body: id,
  html: null,
  createdAt: `2026-12-06T${createdAt}:00.000Z`,
});

describe(pickSolvingReply.name, () => {
  const thread = [
    comment('question', 'customer', '09:00'),
    comment('first-answer', 'agent', '09:10'),
    comment('note', 'agent', '09:20', false),
    comment('thanks', 'customer', '09:30'),
    comment('solution', 'boss', '09:40'),
    comment('after-solve', 'agent', '10:30'),
  ];

  it.each([
    ['the last public staff reply at or before the solve', thread, '2026-12-06T10:00:00.000Z', 'solution'],
    ['a reply written at the very instant of the solve', thread, '2026-12-06T09:40:00.000Z', 'solution'],
    ['an earlier reply when the solve came before the later ones', thread, '2026-12-06T09:35:00.000Z', 'first-answer'],
    ['the last public staff reply when none came before the solve', thread, '2026-12-06T08:00:00.000Z', 'after-solve'],
    ['the last public staff reply without a solve time', thread, null, 'after-solve'],
    [
      'no reply when staff only wrote internal notes',
      [comment('q', 'customer', '09:00'), comment('n', 'agent', '09:10', false)],
      null,
      null,
    ],
    ['no reply on an empty ticket', [], '2026-12-06T10:00:00.000Z', null],
    [
      'by time, whatever order the comments come in',
      [comment('late', 'agent', '09:50'), comment('early', 'agent', '09:10')],
      '2026-12-06T10:00:00.000Z',
      'late',
    ],
  ])('picks %s', (_name, comments, solvedAt, expected) => {
    expect(pickSolvingReply(comments, isStaff, solvedAt)?.id ?? null).toBe(expected);
  });
});

describe(replyText.name, () => {
  it.each([
    [
      'plain text as it is, trimmed',
      { body: '  Reinicia el router.\r\n\r\n\r\n\r\nY prueba otra vez.  ', html: null },
      'Reinicia el router.\n\nY prueba otra vez.',
    ],
    [
      "an email's HTML as text",
      { body: 'ignored', html: '<p>Hola,</p><p>Cambia el <b>tóner</b> &amp; prueba.<br>Saludos</p>' },
      'Hola,\n\nCambia el tóner & prueba.\nSaludos',
    ],
    [
      'a body with tags as text, scripts dropped',
      { body: '<div>Paso 1<script>alert(1)</script></div><div>Paso 2</div>', html: null },
      'Paso 1\n\nPaso 2',
    ],
    ['a lone "<" that is not a tag as text', { body: 'si a < b entonces', html: null }, 'si a < b entonces'],
  ])('takes %s', (_name, reply, expected) => {
    expect(replyText(reply)).toBe(expected);
  });
});

describe(escapeMarkdown.name, () => {
  // What the reader sees after rendering must be the text itself: no formatting or HTML; a bare
  // http(s) address may become a link (linkify), nothing else may.
  it.each([
    ['plain words', 'Reinicia la cola de impresión.'],
    ['emphasis and code markers', 'Usa *asteriscos*, _guiones bajos_ y `comillas`'],
    ['a link', '[pulsa aquí](javascript:alert(1))'],
    ['an image', '![x](https://evil.example/x.png)'],
    ['raw HTML', '<script>alert(1)</script> <img src=x onerror=alert(2)>'],
    ['entities', 'a &lt; b &amp;&amp; c'],
    ['a heading', '# No es un título'],
    ['a quote', '> no es una cita'],
    ['a list', '- uno\n+ dos\n1. tres\n2) cuatro'],
    ['a rule', '---'],
    ['a table', '| a | b |\n| - | - |'],
    ['indented text', '    no es código'],
    ['backslashes', 'C:\\Users\\ana\\*'],
  ])('keeps %s as text', (_name, text) => {
    const html = renderMarkdown(escapeMarkdown(text));
    expect(html).not.toMatch(/<(?!\/?(p|br|a)\b)[a-z]/i);
    expect(html).not.toMatch(/<a (?!href="https?:\/\/)/);
    expect(plainText(html).replace(/\s+/g, ' ')).toBe(text.replace(/^\s+/gm, '').replace(/\s+/g, ' '));
  });

  it('keeps paragraphs apart and line breaks inside them', () => {
    expect(renderMarkdown(escapeMarkdown('uno\ndos\n\ntres'))).toBe('<p>uno<br />\ndos</p>\n<p>tres</p>\n');
  });
});

describe(htmlToText.name, () => {
  it('turns list items into lines', () => {
    expect(htmlToText('<ul><li>uno</li><li>dos</li></ul>').replace(/\n+/g, '\n').trim()).toBe('- uno\n- dos');
  });
});

describe(captureDraft.name, () => {
  it('titles the draft with the subject, quotes the reply safely and names the ticket in the article language', () => {
    const draft = captureDraft({
      subject: '  La impresora   no imprime ',
      ticketNumber: 'HD-000123',
      reply: 'Reinstala el *driver*.\n\nSi sigue, llama.',
      locale: 'es',
    });
    expect(draft).toEqual({
      title: 'La impresora no imprime',
      summary: 'Reinstala el *driver*.',
      body: 'Reinstala el \\*driver\\*.\n\nSi sigue, llama.\n\n---\n\n*Capturado del ticket HD-000123*\n',
    });
    expect(captureDraft({ subject: 's', ticketNumber: 'HD-000124', reply: 'r', locale: 'en' }).body).toContain(
      '*Captured from ticket HD-000124*',
    );
    expect(captureDraft({ subject: 's', ticketNumber: 'HD-000125', reply: 'r', locale: 'pt-BR' }).body).toContain('Captured from ticket');
  });

  it('clips a long subject and summary', () => {
    const draft = captureDraft({ subject: 'x'.repeat(400), ticketNumber: 'HD-000123', reply: 'y'.repeat(500), locale: 'es' });
    expect(draft.title).toHaveLength(300);
    expect(draft.summary).toHaveLength(200);
    expect(draft.summary.endsWith('…')).toBe(true);
  });

  it('falls back to the ticket number for an empty subject', () => {
    expect(captureDraft({ subject: '  ', ticketNumber: 'HD-000123', reply: 'r', locale: 'es' }).title).toBe('HD-000123');
  });
});

describe(captureLocale.name, () => {
  it.each([
    ['en', 'es', ['es', 'en'], 'en'],
    [undefined, 'en', ['es', 'en'], 'en'],
    [undefined, 'fr', ['es', 'en'], 'es'],
    [undefined, null, ['en', 'es'], 'en'],
  ])('asked %p, requester %p, configured %j: %p', (requested, requester, configured, expected) => {
    expect(captureLocale(requested, requester, configured)).toBe(expected);
  });
});

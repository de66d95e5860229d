import sanitizeHtml from 'sanitize-html';

/** A ticket comment as capture needs it. */
export interface ReplyCandidate {
  id: string;
  authorId: string;
  public: boolean;
  body: string;
  /** An email's sanitized HTML, when the comment came by email */
  html: string | null;
  createdAt: string;
}

/**
 * The reply that solved the ticket: the last public comment by staff written before or at the
 * solve; failing that (no solve time, or the reply came later) the last public staff comment;
 * null when staff never replied in public.
 */
export function pickSolvingReply<T extends ReplyCandidate>(
  comments: readonly T[],
  isStaff: (authorId: string) => boolean,
  solvedAt: string | null,
): T | null {
  const replies = comments
    .filter((c) => c.public && isStaff(c.authorId))
    .map((c, index) => ({ c, index, at: Date.parse(c.createdAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ c }) => c);
  const solved = solvedAt ? Date.parse(solvedAt) : Number.NaN;
  const beforeSolve = Number.isNaN(solved) ? [] : replies.filter((c) => Date.parse(c.createdAt) <= solved);
  return beforeSolve[beforeSolve.length - 1] ?? replies[replies.length - 1] ?? null;
}

const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i;

/** The words of HTML: tags dropped (scripts and styles with their content), blocks and breaks as new lines, entities decoded. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|pre|blockquote|tr|table|ul|ol)\s*>/gi, '$&\n\n')
    .replace(/<li[\s>]/gi, '\n- $&');
  return decodeEntities(sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} }));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** A reply as plain text: an email's HTML or a body that holds HTML tags converted; line ends and blank runs tidied. */
export function replyText(reply: Pick<ReplyCandidate, 'body' | 'html'>): string {
  const source = reply.html?.trim() ? htmlToText(reply.html) : LOOKS_LIKE_HTML.test(reply.body) ? htmlToText(reply.body) : reply.body;
  return source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Plain text as Markdown that renders as the same text: every character Markdown gives a meaning
 * (emphasis, links, code, raw HTML, entities, tables) escaped, line-leading markers (headings,
 * quotes, lists, rules) escaped, indentation dropped (it would make a code block), and line breaks
 * inside a paragraph kept as hard breaks.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((raw) => raw.trim().replace(/[\\`*_[\]<>|~&]/g, '\\$&'))
        .filter((line) => line !== '')
        .map((line) => line.replace(/^([-+=#])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2'))
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

const CAPTURED_FROM: Record<string, string> = { es: 'Capturado del ticket', en: 'Captured from ticket' };

/** The note that links a captured article back to its ticket, in the article's language (English for languages without one). */
export function capturedFromNote(locale: string, ticketNumber: string): string {
  return `${CAPTURED_FROM[locale.slice(0, 2)] ?? CAPTURED_FROM.en} ${ticketNumber}`;
}

export interface CaptureDraft {
  title: string;
  summary: string;
  body: string;
}

const TITLE_MAX = 300;
const SUMMARY_MAX = 200;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Title from the subject, body from the reply (escaped) with a note naming the ticket, summary from the reply's first paragraph. */
export function captureDraft(input: { subject: string; ticketNumber: string; reply: string; locale: string }): CaptureDraft {
  const title = clip(input.subject.replace(/\s+/g, ' ').trim(), TITLE_MAX) || input.ticketNumber;
  const firstParagraph = input.reply.split(/\n{2,}/)[0] ?? '';
  return {
    title,
    summary: clip(firstParagraph.replace(/\s+/g, ' ').trim(), SUMMARY_MAX),
    body: `${escapeMarkdown(input.reply)}\n\n---\n\n*${capturedFromNote(input.locale, input.ticketNumber)}*\n`,
  };
}

/** The draft's locale: the one asked for, else the requester's when configured, else the first configured one. */
export function captureLocale(requested: string | undefined, requesterLocale: string | null, configured: readonly string[]): string {
  if (requested) return requested;
  if (requesterLocale && configured.includes(requesterLocale)) return requesterLocale;
  return configured[0] ?? 'es';
}

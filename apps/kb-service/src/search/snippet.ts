/**
 * Snippets are safe HTML. ts_headline works on text and knows nothing of HTML, so the SQL hands it
 * the article text with `<`, `>` and `&` swapped for private-use characters (which the parser
 * treats as separators, so they survive the headline) and asks it to mark matches with two more;
 * here every character is escaped and only the markers become `<mark>` tags. Private-use
 * characters already in an article are removed by the SQL before the headline.
 */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';
export const LT = '\uE002';
export const GT = '\uE003';
export const AMP = '\uE004';

const ESCAPES: Record<string, string> = {
  [MARK_START]: '<mark>',
  [MARK_STOP]: '</mark>',
  [LT]: '&lt;',
  [GT]: '&gt;',
  [AMP]: '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The headline as safe HTML: escaped text, matches in `<mark>` (an unclosed one is closed). */
export function renderSnippet(headline: string): string {
  let open = false;
  let html = '';
  for (const char of headline.replace(/[\uE005-\uF8FF]/gu, '')) {
    if (char === MARK_START) {
      if (open) continue;
      open = true;
    } else if (char === MARK_STOP) {
      if (!open) continue;
      open = false;
    }
    html += ESCAPES[char] ?? char;
  }
  return (open ? `${html}</mark>` : html).replace(/\s+/gu, ' ').trim();
}

/** A plain-text excerpt as safe HTML (no marks): the first words up to `max` characters, cut at a word. */
export function plainSnippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= max) return renderSnippet(flat);
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${renderSnippet(space > max / 2 ? cut.slice(0, space) : cut)}…`;
}

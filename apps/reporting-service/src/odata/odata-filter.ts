/**
 * A recursive-descent parser for the part of OData v4 `$filter` the feed supports: comparisons
 * (eq ne gt ge lt le), and/or/not, parentheses, and literals (strings, numbers, null, booleans,
 * GUIDs, dates and date-times). The result is an AST; turning it into SQL is odata-sql.ts's job.
 *
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' expr ')' | operand (cmpop operand)?
 */

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LiteralType = 'string' | 'number' | 'boolean' | 'null' | 'date' | 'datetime' | 'guid';

export interface PropertyNode {
  kind: 'property';
  name: string;
}
export interface LiteralNode {
  kind: 'literal';
  type: LiteralType;
  /** Strings as written (unescaped); numbers as numbers; dates `YYYY-MM-DD`; date-times as ISO strings in UTC. */
  value: string | number | boolean | null;
}
export type Operand = PropertyNode | LiteralNode;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: ComparisonOp; left: Operand; right: Operand }
  /** A property on its own: true when the (boolean) property is true. */
  | PropertyNode;

/** A $filter (or $orderby, $select) the feed cannot take; the message says why, and where. */
export class ODataQueryError extends Error {
  constructor(
    message: string,
    readonly option = '$filter',
  ) {
    super(message);
  }
}

const MAX_LENGTH = 4000;
const MAX_DEPTH = 40;
const COMPARISONS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const KEYWORDS: readonly string[] = [...COMPARISONS, 'and', 'or', 'not'];

type Token =
  | { t: 'lparen' | 'rparen' | 'comma' | 'end'; pos: number }
  | { t: 'word'; v: string; pos: number }
  | { t: 'literal'; lit: LiteralNode; pos: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
// A '+' of an offset arrives as a space when the client did not percent-encode it.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+ -]\d{2}:\d{2})/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?![\w:.-])/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?([mMdDfFlL])?(?![\w.])/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new ODataQueryError(`unterminated string starting at position ${i + 1}`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ t: 'literal', lit: { kind: 'literal', type: 'string', value }, pos: i });
      i = j + 1;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = GUID.exec(rest))) {
      tokens.push({ t: 'literal', lit: { kind: 'literal', type: 'guid', value: m[0].toLowerCase() }, pos: i });
      i += m[0].length;
      continue;
    }
    if ((m = DATETIME.exec(rest))) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const iso = m[0].replace(/ (\d{2}:\d{2})$/, '+$1');
      const time = Date.parse(iso);
      if (!validDate(y, mo, d) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59 || Number.isNaN(time)) {
        throw new ODataQueryError(`${m[0]} at position ${i + 1} is not a valid date-time`);
      }
      tokens.push({ t: 'literal', lit: { kind: 'literal', type: 'datetime', value: new Date(time).toISOString() }, pos: i });
      i += m[0].length;
      continue;
    }
    if ((m = DATE.exec(rest))) {
      if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
        throw new ODataQueryError(`${m[0]} at position ${i + 1} is not a valid date`);
      }
      tokens.push({ t: 'literal', lit: { kind: 'literal', type: 'date', value: m[0] }, pos: i });
      i += m[0].length;
      continue;
    }
    if ((m = NUMBER.exec(rest))) {
      const value = Number(m[0].replace(/[mMdDfFlL]$/, ''));
      if (!Number.isFinite(value)) throw new ODataQueryError(`${m[0]} at position ${i + 1} is not a number`);
      tokens.push({ t: 'literal', lit: { kind: 'literal', type: 'number', value }, pos: i });
      i += m[0].length;
      continue;
    }
    if ((m = WORD.exec(rest))) {
      const word = m[0];
      if (word === 'null') tokens.push({ t: 'literal', lit: { kind: 'literal', type: 'null', value: null }, pos: i });
      else if (word === 'true' || word === 'false') {
        tokens.push({ t: 'literal', lit: { kind: 'literal', type: 'boolean', value: word === 'true' }, pos: i });
      } else tokens.push({ t: 'word', v: word, pos: i });
      i += word.length;
      continue;
    }
    throw new ODataQueryError(`unexpected character '${c}' at position ${i + 1}`);
  }
  tokens.push({ t: 'end', pos: text.length });
  return tokens;
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.or();
    const next = this.peek();
    if (next.t !== 'end') throw new ODataQueryError(`unexpected ${this.describe(next)} at position ${next.pos + 1}`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.at];
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.t === 'word' && t.v === word;
  }

  private describe(t: Token): string {
    switch (t.t) {
      case 'end':
        return 'end of the expression';
      case 'lparen':
        return "'('";
      case 'rparen':
        return "')'";
      case 'comma':
        return "','";
      case 'word':
        return `'${t.v}'`;
      case 'literal':
        return `literal ${t.lit.value === null ? 'null' : JSON.stringify(t.lit.value)}`;
    }
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.isWord('or')) {
      this.at++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.isWord('and')) {
      this.at++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (++this.depth > MAX_DEPTH) throw new ODataQueryError(`the expression nests deeper than ${MAX_DEPTH} levels`);
    try {
      if (this.isWord('not')) {
        this.at++;
        return { kind: 'not', operand: this.unary() };
      }
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  private primary(): FilterNode {
    const t = this.peek();
    if (t.t === 'lparen') {
      this.at++;
      const inner = this.or();
      const close = this.peek();
      if (close.t !== 'rparen') throw new ODataQueryError(`expected ')' at position ${close.pos + 1}, found ${this.describe(close)}`);
      this.at++;
      return inner;
    }
    const left = this.operand();
    const next = this.peek();
    if (next.t === 'word' && COMPARISONS.includes(next.v)) {
      this.at++;
      return { kind: 'compare', op: next.v as ComparisonOp, left, right: this.operand() };
    }
    if (next.t === 'lparen' && left.kind === 'property') {
      throw new ODataQueryError(`function ${left.name}() is not supported: use comparisons (eq, ne, gt, ge, lt, le) with and, or, not`);
    }
    if (left.kind === 'literal') {
      throw new ODataQueryError(`expected a comparison operator after the literal at position ${t.pos + 1}, found ${this.describe(next)}`);
    }
    if (next.t === 'word' && !KEYWORDS.includes(next.v)) {
      throw new ODataQueryError(`unknown operator '${next.v}' at position ${next.pos + 1}: use eq, ne, gt, ge, lt, le, and, or, not`);
    }
    return left;
  }

  private operand(): Operand {
    const t = this.peek();
    if (t.t === 'literal') {
      this.at++;
      return t.lit;
    }
    if (t.t === 'word' && !KEYWORDS.includes(t.v)) {
      this.at++;
      return { kind: 'property', name: t.v };
    }
    throw new ODataQueryError(`expected a property or a literal at position ${t.pos + 1}, found ${this.describe(t)}`);
  }
}

/** Parses a `$filter` expression into its AST, or throws ODataQueryError saying what is wrong and where. */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_LENGTH) throw new ODataQueryError(`$filter may have at most ${MAX_LENGTH} characters`);
  if (!text.trim()) throw new ODataQueryError('$filter is empty');
  return new Parser(tokenize(text)).parse();
}

export interface OrderItem {
  name: string;
  desc: boolean;
}

/** Parses `$orderby` (`Prop [asc|desc], ...`). */
export function parseOrderBy(text: string): OrderItem[] {
  const items = text.split(',').map((part) => part.trim());
  return items.map((item) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/.exec(item);
    if (!m) throw new ODataQueryError(`'${item}' is not an ordering: use Property, Property asc or Property desc`, '$orderby');
    return { name: m[1], desc: m[2] === 'desc' };
  });
}

/** Parses `$select` (`Prop, Prop` or `*`); null selects everything. */
export function parseSelect(text: string): string[] | null {
  const items = text.split(',').map((part) => part.trim());
  if (items.length === 1 && items[0] === '*') return null;
  for (const item of items) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(item)) throw new ODataQueryError(`'${item}' is not a property name`, '$select');
  }
  return items;
}

import {
  ComparisonOp,
  FilterNode,
  LiteralNode,
  ODataQueryError,
  Operand,
  OrderItem,
  parseFilter,
  parseOrderBy,
  parseSelect,
} from './odata-filter';
import { EdmType, EntityDef, PropertyDef } from './odata-model';

/**
 * From the AST to something to run: a typed filter (every property known, every literal of its
 * property's type), then either parameterised SQL (sets in reporting's tables) or an in-memory
 * predicate (sets read from the directory). User text only ever travels as parameters.
 */

export type TypedOperand = { kind: 'property'; prop: PropertyDef } | { kind: 'value'; value: string | number | boolean | null };
export type TypedFilter =
  | { kind: 'and' | 'or'; left: TypedFilter; right: TypedFilter }
  | { kind: 'not'; operand: TypedFilter }
  | { kind: 'compare'; op: ComparisonOp; left: TypedOperand; right: TypedOperand; type: EdmType };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC: readonly EdmType[] = ['Edm.Int32', 'Edm.Int64', 'Edm.Decimal', 'Edm.Double'];

function property(entity: EntityDef, name: string, option: string): PropertyDef {
  const prop = entity.properties.find((p) => p.name === name);
  if (!prop) {
    throw new ODataQueryError(
      `${entity.set} has no property ${name} (properties: ${entity.properties.map((p) => p.name).join(', ')})`,
      option,
    );
  }
  return prop;
}

function comparable(entity: EntityDef, name: string, option: string, sql: boolean): PropertyDef {
  const prop = property(entity, name, option);
  if (prop.type.startsWith('Collection(')) throw new ODataQueryError(`${name} is a collection: it cannot be compared or sorted`, option);
  if (sql && !prop.column) throw new ODataQueryError(`${name} is computed per row: it cannot be filtered or sorted on`, option);
  return prop;
}

/** The literal as a value of the property's type, or why it is not one. */
function literalFor(prop: PropertyDef, lit: LiteralNode): string | number | boolean | null {
  if (lit.type === 'null') return null;
  const wrong = () =>
    new ODataQueryError(`${prop.name} is ${prop.type}; ${lit.type} ${JSON.stringify(lit.value)} cannot be compared with it`);
  switch (prop.type) {
    case 'Edm.Guid':
      if (lit.type === 'guid' || (lit.type === 'string' && UUID.test(String(lit.value)))) return String(lit.value).toLowerCase();
      throw wrong();
    case 'Edm.String':
      if (lit.type === 'string') return lit.value;
      throw wrong();
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Double':
      if (lit.type === 'number') return lit.value;
      throw wrong();
    case 'Edm.Boolean':
      if (lit.type === 'boolean') return lit.value;
      throw wrong();
    case 'Edm.Date':
      if (lit.type === 'date') return lit.value;
      throw wrong();
    case 'Edm.DateTimeOffset':
      if (lit.type === 'datetime') return lit.value;
      if (lit.type === 'date') return `${lit.value as string}T00:00:00.000Z`;
      throw wrong();
    case 'Collection(Edm.String)':
      throw wrong();
  }
}

/** Checks a parsed filter against an entity's properties and types. */
export function typeFilter(entity: EntityDef, node: FilterNode, sql: boolean): TypedFilter {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, left: typeFilter(entity, node.left, sql), right: typeFilter(entity, node.right, sql) };
    case 'not':
      return { kind: 'not', operand: typeFilter(entity, node.operand, sql) };
    case 'property': {
      const prop = comparable(entity, node.name, '$filter', sql);
      if (prop.type !== 'Edm.Boolean')
        throw new ODataQueryError(`${node.name} is ${prop.type}, not a condition: compare it (eq, ne, gt, ...)`);
      return { kind: 'compare', op: 'eq', left: { kind: 'property', prop }, right: { kind: 'value', value: true }, type: prop.type };
    }
    case 'compare': {
      const side = (o: Operand) => (o.kind === 'property' ? comparable(entity, o.name, '$filter', sql) : null);
      const [lp, rp] = [side(node.left), side(node.right)];
      if (!lp && !rp) throw new ODataQueryError('a comparison needs a property on one side');
      if (lp && rp) {
        const same = lp.type === rp.type || (NUMERIC.includes(lp.type) && NUMERIC.includes(rp.type));
        if (!same) throw new ODataQueryError(`${lp.name} (${lp.type}) and ${rp.name} (${rp.type}) cannot be compared`);
        return { kind: 'compare', op: node.op, left: { kind: 'property', prop: lp }, right: { kind: 'property', prop: rp }, type: lp.type };
      }
      const prop = (lp ?? rp)!;
      const typed = (o: Operand): TypedOperand =>
        o.kind === 'property' ? { kind: 'property', prop } : { kind: 'value', value: literalFor(prop, o) };
      return { kind: 'compare', op: node.op, left: typed(node.left), right: typed(node.right), type: prop.type };
    }
  }
}

const SQL_OPS: Record<ComparisonOp, string> = { eq: '=', ne: 'IS DISTINCT FROM', gt: '>', ge: '>=', lt: '<', le: '<=' };
const CASTS: Partial<Record<EdmType, string>> = {
  'Edm.Guid': '::uuid',
  'Edm.Int32': '::numeric',
  'Edm.Int64': '::numeric',
  'Edm.Decimal': '::numeric',
  'Edm.Double': '::numeric',
  'Edm.Boolean': '::boolean',
  'Edm.Date': '::date',
  'Edm.DateTimeOffset': '::timestamptz',
  'Edm.String': '::text',
};

/** The SQL condition of a typed filter; values are appended to `params` ($1, $2, ... follow its length). */
export function filterSql(filter: TypedFilter, params: unknown[]): string {
  switch (filter.kind) {
    case 'and':
      return `(${filterSql(filter.left, params)} AND ${filterSql(filter.right, params)})`;
    case 'or':
      return `(${filterSql(filter.left, params)} OR ${filterSql(filter.right, params)})`;
    case 'not':
      // Comparisons with null are false in OData (SQL: unknown), so `not` of one is true.
      return `(NOT coalesce(${filterSql(filter.operand, params)}, false))`;
    case 'compare': {
      const { left, right, op } = filter;
      const nullSide = left.kind === 'value' && left.value === null ? right : right.kind === 'value' && right.value === null ? left : null;
      if (nullSide) {
        if (nullSide.kind === 'value') return op === 'eq' || op === 'ge' || op === 'le' ? 'true' : 'false';
        if (op === 'eq') return `(${nullSide.prop.column} IS NULL)`;
        if (op === 'ne') return `(${nullSide.prop.column} IS NOT NULL)`;
        return 'false';
      }
      const operand = (o: TypedOperand) => {
        if (o.kind === 'property') return o.prop.column!;
        params.push(o.value);
        return `$${params.length}${CASTS[filter.type] ?? ''}`;
      };
      const sqlOp = op === 'eq' && (left.kind === 'property') === (right.kind === 'property') ? 'IS NOT DISTINCT FROM' : SQL_OPS[op];
      return `(${operand(left)} ${sqlOp} ${operand(right)})`;
    }
  }
}

type Row = Record<string, unknown>;

function compareValues(a: unknown, b: unknown, type: EdmType): number {
  if (type === 'Edm.DateTimeOffset') return Date.parse(String(a)) - Date.parse(String(b));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The same filter over rows in memory (keys are property names), with OData's null rules. */
export function matches(filter: TypedFilter, row: Row): boolean {
  switch (filter.kind) {
    case 'and':
      return matches(filter.left, row) && matches(filter.right, row);
    case 'or':
      return matches(filter.left, row) || matches(filter.right, row);
    case 'not':
      return !matches(filter.operand, row);
    case 'compare': {
      const value = (o: TypedOperand) => {
        const v = o.kind === 'property' ? row[o.prop.name] : o.value;
        return v === undefined ? null : typeof v === 'string' && filter.type === 'Edm.Guid' ? v.toLowerCase() : v;
      };
      const [a, b] = [value(filter.left), value(filter.right)];
      if (a === null || b === null) {
        const same = a === b;
        return filter.op === 'eq' ? same : filter.op === 'ne' ? !same : same && (filter.op === 'ge' || filter.op === 'le');
      }
      const c = compareValues(a, b, filter.type);
      switch (filter.op) {
        case 'eq':
          return c === 0;
        case 'ne':
          return c !== 0;
        case 'gt':
          return c > 0;
        case 'ge':
          return c >= 0;
        case 'lt':
          return c < 0;
        case 'le':
          return c <= 0;
      }
    }
  }
}

export interface ParsedQuery {
  filter: TypedFilter | null;
  select: PropertyDef[];
  orderBy: { prop: PropertyDef; desc: boolean }[];
  top: number | null;
  skip: number;
  count: boolean;
  /** Rows of this query already delivered on earlier pages. */
  skipToken: number;
}

const KNOWN_OPTIONS = ['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$format'];

function nonNegative(text: string | undefined, option: string): number | null {
  if (text === undefined) return null;
  if (!/^\d{1,12}$/.test(text.trim())) throw new ODataQueryError(`${option} must be a non-negative integer`, option);
  return Number(text.trim());
}

/** Reads the system query options of a request, checked against the entity (`sql`: the set is served from SQL). */
export function parseQuery(entity: EntityDef, options: Record<string, string>, sql: boolean): ParsedQuery {
  for (const name of Object.keys(options)) {
    if (name.startsWith('$') && !KNOWN_OPTIONS.includes(name)) {
      throw new ODataQueryError(`${name} is not supported (supported: ${KNOWN_OPTIONS.join(', ')})`, name);
    }
  }
  const format = options.$format;
  if (format !== undefined && !/^(json|application\/json)(;.*)?$/i.test(format)) {
    throw new ODataQueryError('$format: only json is served', '$format');
  }
  const filter = options.$filter !== undefined ? typeFilter(entity, parseFilter(options.$filter), sql) : null;
  const selected = options.$select !== undefined ? parseSelect(options.$select) : null;
  const select = selected ? selected.map((name) => property(entity, name, '$select')) : entity.properties;
  const items: OrderItem[] = options.$orderby !== undefined ? parseOrderBy(options.$orderby) : [];
  const orderBy = items.map((item) => ({ prop: comparable(entity, item.name, '$orderby', sql), desc: item.desc }));
  // The key last, so that pages follow each other without gaps or repeats.
  for (const key of entity.key) {
    if (!orderBy.some((o) => o.prop.name === key)) orderBy.push({ prop: property(entity, key, '$orderby'), desc: false });
  }
  const countText = options.$count;
  if (countText !== undefined && countText !== 'true' && countText !== 'false') {
    throw new ODataQueryError('$count must be true or false', '$count');
  }
  return {
    filter,
    select,
    orderBy,
    top: nonNegative(options.$top, '$top'),
    skip: nonNegative(options.$skip, '$skip') ?? 0,
    count: countText === 'true',
    skipToken: nonNegative(options.$skiptoken, '$skiptoken') ?? 0,
  };
}

/** `ORDER BY` of a parsed query (PostgreSQL's default null placement: last ascending, first descending). */
export function orderBySql(query: ParsedQuery): string {
  return query.orderBy.map((o) => `${o.prop.column} ${o.desc ? 'DESC' : 'ASC'}`).join(', ');
}

/** The same order in memory. */
export function compareRows(query: ParsedQuery): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { prop, desc } of query.orderBy) {
      const [x, y] = [a[prop.name] ?? null, b[prop.name] ?? null];
      let c: number;
      if (x === null || y === null) c = x === y ? 0 : x === null ? 1 : -1;
      else c = compareValues(x, y, prop.type);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  };
}

/** Where this page starts and how many rows it holds, given the page size; and whether more follow. */
export function pageWindow(query: ParsedQuery, pageSize: number): { offset: number; limit: number } {
  const remaining = query.top === null ? Infinity : Math.max(0, query.top - query.skipToken);
  return { offset: query.skip + query.skipToken, limit: Math.min(pageSize, remaining) };
}

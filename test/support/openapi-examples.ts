/** What an OpenAPI document leaves without an example, so that every route can be tried from /docs. */
type Schema = {
  $ref?: string;
  type?: string;
  example?: unknown;
  examples?: unknown;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: unknown;
  format?: string;
};

/** Formats whose generated sample (Swagger UI's) is as good as a written example. */
const SELF_EXPLAINING_FORMATS = ['uuid', 'date-time', 'date', 'email'];
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

function resolve(doc: Doc, schema: Schema): { name?: string; schema: Schema } {
  if (!schema.$ref) return { schema };
  const name = schema.$ref.split('/').pop() as string;
  return { name, schema: doc.components.schemas[name] ?? {} };
}

/**
 * Scalars need an example, an enum, a default or a self-explaining format (uuid, date-time, date,
 * email); objects and arrays need it of what they hold.
 */
function gaps(doc: Doc, schema: Schema, path: string, seen: Set<string>): string[] {
  const { name, schema: s } = resolve(doc, schema);
  if (s.example !== undefined || s.examples !== undefined) return [];
  if (name) {
    if (seen.has(name)) return [];
    seen.add(name);
  }
  const parts = [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])];
  if (parts.length) return parts.flatMap((p) => gaps(doc, p, path, seen));
  if (s.properties) return Object.entries(s.properties).flatMap(([key, p]) => gaps(doc, p, `${name ?? path}.${key}`, seen));
  if (s.type === 'array' && s.items) return gaps(doc, s.items, `${path}[]`, seen);
  if (s.enum || s.default !== undefined || s.type === 'boolean' || SELF_EXPLAINING_FORMATS.includes(s.format ?? '')) return [];
  return [path];
}

/** Every request body and JSON response property without an example, as `METHOD /path: Schema.property`. */
export function missingExamples(doc: Doc): string[] {
  const missing = new Set<string>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const bodies = [
        operation.requestBody?.content?.['application/json']?.schema,
        ...Object.entries(operation.responses ?? {})
          .filter(([status]) => /^2/.test(status))
          .map(([, response]) => response.content?.['application/json']?.schema),
      ];
      for (const body of bodies) {
        if (!body) continue;
        for (const gap of gaps(doc, body, 'body', new Set())) missing.add(`${method.toUpperCase()} ${path}: ${gap}`);
      }
    }
  }
  return [...missing].sort();
}

/** Operations without a summary, as `METHOD /path`. */
export function operationsWithoutSummary(doc: { paths: Record<string, Record<string, { summary?: string }>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => !operation.summary)
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
}

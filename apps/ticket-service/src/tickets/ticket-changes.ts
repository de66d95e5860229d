/** One field's before and after. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
  /** Why an automatic change happened (a requester's reply, a rule) */
  reason?: string;
  /** What an automatic decision weighed (routing: the candidates and their loads) */
  candidates?: unknown;
}

/** The fields of `requested` whose value differs from `current`, in the order requested. */
export function diffFields<T extends object>(current: T, requested: Partial<T>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(requested) as (keyof T & string)[]) {
    const to = requested[field];
    if (to === undefined) continue;
    const from = current[field] ?? null;
    if (!sameValue(from, to ?? null)) changes.push({ field, from, to: to ?? null });
  }
  return changes;
}

/** Equality of field values: arrays (tags) by their elements, in order; everything else strictly. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

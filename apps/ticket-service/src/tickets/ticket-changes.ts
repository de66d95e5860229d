/** One field's before and after. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The fields of `requested` whose value differs from `current`, in the order requested. */
export function diffFields<T extends object>(current: T, requested: Partial<T>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(requested) as (keyof T & string)[]) {
    const to = requested[field];
    if (to === undefined) continue;
    const from = current[field] ?? null;
    if (from !== (to ?? null)) changes.push({ field, from, to: to ?? null });
  }
  return changes;
}

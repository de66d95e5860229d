import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetLookup = MetadataStorage['getTargetValidationMetadatas'];

const CACHED = Symbol.for('helpdesk.validationMetadataCache');

/**
 * Keeps class-validator's answer to "which rules apply to this class" instead of working it out on
 * every validation. class-validator finds a class's rules by testing `prototype instanceof` against
 * every class that has rules (for inherited ones) and filtering the lot, for each validated object
 * and again for each nested one: with the suite's few hundred DTO classes that was the largest single
 * cost of validating a chat webhook (≈4% of channel-gateway's CPU at 1,000 webhooks/s) and of every
 * validated request and message. The rules are fixed once the classes are loaded; the kept answers
 * are dropped whenever a rule is added (a class loaded later), so the result is always the same as
 * class-validator's own. Installed once per process (the storage is global); repeated calls do nothing.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  marked[CACHED] = true;
  const lookup: TargetLookup = storage.getTargetValidationMetadatas.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  const kept = new Map<unknown, Map<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups === undefined ? '' : JSON.stringify(groups)}`;
    let forTarget = kept.get(target);
    if (!forTarget) kept.set(target, (forTarget = new Map<string, ValidationMetadata[]>()));
    let rules = forTarget.get(key);
    if (!rules) forTarget.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    kept.clear();
    addRule(metadata);
  };
}

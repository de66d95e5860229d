import { CustomFieldOptionDto, CustomFieldType, CustomFieldValue, CustomFieldValues, FieldError } from '@helpdesk/contracts';

/** What validation needs to know about a field definition. */
export interface CustomFieldDefinition {
  key: string;
  type: CustomFieldType;
  options: CustomFieldOptionDto[];
  requiredOnCreate: boolean;
  requiredOnSolve: boolean;
  visibleToCustomers: boolean;
  editableByCustomers: boolean;
  active: boolean;
}

/** Requested values by key; null clears a value. */
export type CustomFieldInput = Record<string, CustomFieldValue | null>;

export const MAX_TEXT_VALUE_LENGTH = 10_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function optionValues(definition: CustomFieldDefinition): string {
  return definition.options.map((o) => o.value).join(', ');
}

/** The value normalised for its field (multiselect de-duplicated, text trimmed), or what is wrong with it. */
export function checkValue(definition: CustomFieldDefinition, value: unknown): { value: CustomFieldValue } | { error: string } {
  switch (definition.type) {
    case CustomFieldType.Text:
      if (typeof value !== 'string') return { error: 'must be a string' };
      if (value.length > MAX_TEXT_VALUE_LENGTH) return { error: `must be at most ${MAX_TEXT_VALUE_LENGTH} characters` };
      return { value: value.trim() };
    case CustomFieldType.Number:
      if (typeof value !== 'number' || !Number.isFinite(value)) return { error: 'must be a number' };
      return { value };
    case CustomFieldType.Date:
      if (typeof value !== 'string' || !isCalendarDate(value)) return { error: 'must be a date as YYYY-MM-DD' };
      return { value };
    case CustomFieldType.Checkbox:
      if (typeof value !== 'boolean') return { error: 'must be true or false' };
      return { value };
    case CustomFieldType.Dropdown:
      if (typeof value !== 'string' || !definition.options.some((o) => o.value === value))
        return { error: `must be one of: ${optionValues(definition)}` };
      return { value };
    case CustomFieldType.Multiselect: {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return { error: 'must be a list of option values' };
      const unknown = (value as string[]).filter((v) => !definition.options.some((o) => o.value === v));
      if (unknown.length) return { error: `${unknown.join(', ')} not among: ${optionValues(definition)}` };
      return { value: [...new Set(value as string[])] };
    }
  }
}

/**
 * Checks requested values against the active definitions: unknown keys, values of the wrong type
 * or option, and fields a customer may not set each give an error naming `customFields.<key>`.
 */
export function validateInput(
  definitions: CustomFieldDefinition[],
  input: Record<string, unknown> | undefined,
  by: { customer: boolean },
): { values: CustomFieldInput; errors: FieldError[] } {
  const values: CustomFieldInput = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(input ?? {})) {
    const field = `customFields.${key}`;
    const definition = definitions.find((d) => d.key === key && d.active);
    if (!definition) {
      errors.push({ field, message: `${key} is not a custom field` });
    } else if (by.customer && !definition.editableByCustomers) {
      errors.push({ field, message: `customers cannot set ${key}` });
    } else if (value === null) {
      values[key] = null;
    } else {
      const checked = checkValue(definition, value);
      if ('error' in checked) errors.push({ field, message: `${key} ${checked.error}` });
      else values[key] = checked.value;
    }
  }
  return { values, errors };
}

/** Whether a field holds something (a required checkbox must be ticked, as in Zendesk). */
export function hasValue(value: CustomFieldValue | null | undefined): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

/**
 * The required fields without a value: on create (for customers only those they may edit, since
 * they cannot fill the others) or when the ticket becomes solved.
 */
export function missingRequired(
  definitions: CustomFieldDefinition[],
  values: CustomFieldValues,
  moment: 'create' | 'solve',
  by: { customer: boolean },
): FieldError[] {
  return definitions
    .filter((d) => d.active && (moment === 'create' ? d.requiredOnCreate && (!by.customer || d.editableByCustomers) : d.requiredOnSolve))
    .filter((d) => !hasValue(values[d.key]))
    .map((d) => ({
      field: `customFields.${d.key}`,
      message: `${d.key} is required ${moment === 'create' ? 'on a new ticket' : 'to solve'}`,
    }));
}

/** The stored values after applying the input (null removes a value). */
export function applyInput(current: CustomFieldValues, input: CustomFieldInput): CustomFieldValues {
  const next: CustomFieldValues = { ...current };
  for (const [key, value] of Object.entries(input)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** The values a reader may see: active fields only, and for customers only the fields shown to them. */
export function visibleValues(
  definitions: CustomFieldDefinition[],
  values: CustomFieldValues,
  by: { customer: boolean },
): CustomFieldValues {
  const visible: CustomFieldValues = {};
  for (const definition of definitions) {
    if (!definition.active || !(definition.key in values)) continue;
    if (by.customer && !definition.visibleToCustomers && !definition.editableByCustomers) continue;
    visible[definition.key] = values[definition.key];
  }
  return visible;
}

/** The changed values as history entries `customFields.<key>`, in key order. */
export function valueChanges(current: CustomFieldValues, next: CustomFieldValues): { field: string; from: unknown; to: unknown }[] {
  const keys = [...new Set([...Object.keys(current), ...Object.keys(next)])].sort();
  return keys
    .filter((key) => JSON.stringify(current[key] ?? null) !== JSON.stringify(next[key] ?? null))
    .map((key) => ({ field: `customFields.${key}`, from: current[key] ?? null, to: next[key] ?? null }));
}

/** Whether a ticket's value meets a routing condition (multiselect: any shared option). */
export function valueMatches(value: CustomFieldValue | undefined, wanted: (string | number | boolean)[]): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => wanted.includes(v));
  return wanted.includes(value);
}

/** What is wrong with a definition's options for its type, or null. */
export function optionsError(type: CustomFieldType, options: CustomFieldOptionDto[] | undefined): string | null {
  const takesOptions = type === CustomFieldType.Dropdown || type === CustomFieldType.Multiselect;
  if (!takesOptions) return options?.length ? `a ${type} field takes no options` : null;
  if (!options?.length) return `a ${type} field needs at least one option`;
  const values = options.map((o) => o.value);
  const repeated = values.filter((v, i) => values.indexOf(v) !== i);
  return repeated.length ? `option values must be unique (${[...new Set(repeated)].join(', ')} repeated)` : null;
}

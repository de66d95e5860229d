import { FieldError } from '@helpdesk/contracts';
import { flattenValidationErrors, VALIDATION_OPTIONS } from '@helpdesk/platform';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** A webhook body, checked: its value, or what is wrong with it (per field, or the body itself). */
export type CheckedBody<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const bodyError = (message: string): { ok: false; errors: FieldError[] } => ({ ok: false, errors: [{ field: 'body', message }] });

/** A raw body as a JSON object (not an array, not a scalar). */
export function jsonObjectBody(rawBody: Buffer): CheckedBody<object> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return bodyError('must be valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return bodyError('must be a JSON object');
  return { ok: true, value: json };
}

/**
 * Parsed fields checked by a contract's DTO, as at every boundary: unknown fields are refused, and
 * so is U+0000 anywhere (PostgreSQL text and jsonb cannot hold it: refused here rather than failing on storing).
 */
export function validatedBody<T extends object>(dto: ClassConstructor<T>, fields: object): CheckedBody<T> {
  if (containsNul(fields)) return bodyError('must not contain NUL characters');
  const value = plainToInstance(dto, fields);
  const errors = validateSync(value, {
    whitelist: VALIDATION_OPTIONS.whitelist,
    forbidNonWhitelisted: VALIDATION_OPTIONS.forbidNonWhitelisted,
    validationError: { target: false, value: false },
  });
  return errors.length ? { ok: false, errors: flattenValidationErrors(errors) } : { ok: true, value };
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

import { ValidateIf } from 'class-validator';

/** Optional, but when present it must not be null (unlike @IsOptional, which lets null through). */
export const IsOptionalNonNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

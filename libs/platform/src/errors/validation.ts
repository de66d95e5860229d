import { ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { DomainError, flattenValidationErrors } from './domain-error';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Validation used at every boundary, HTTP and bus alike: unknown fields and wrong types are rejected per field. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
};

/** The global pipe; it also makes class-validator keep each class's rules (see cacheValidationMetadata). */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe(VALIDATION_OPTIONS);
}

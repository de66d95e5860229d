import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Actor } from './actor';

/** The base of every bus request made on someone's behalf: validated again by the receiving service. */
export class ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export class IdempotentCommand extends ActorCommand {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Actor, Caller, IntegrationActor } from './actor';

/** The base of every bus request made on someone's behalf: validated again by the receiving service. */
export class ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;
}

/**
 * The base of a request a system with an API key may also make (reports): the caller is a person
 * or an integration, told apart by `kind`. Only commands built on this accept an IntegrationActor.
 */
export class CallerCommand {
  @IsObject()
  @ValidateNested()
  @Type((options) => ((options?.object as { actor?: { kind?: unknown } })?.actor?.kind === 'integration' ? IntegrationActor : Actor))
  actor: Caller;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export class IdempotentCommand extends ActorCommand {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

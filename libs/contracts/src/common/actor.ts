import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from './api-key-scopes';
import { Role, STAFF_ROLES } from './enums';

/** Who is asking: the authenticated caller, passed by the gateway with every command. */
export class Actor {
  @IsUUID()
  id: string;

  @IsEnum(Role)
  role: Role;

  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(200)
  name: string;
}

/**
 * A system calling with an API key (a BI tool, an integration): no role, only the key's scopes.
 * The gateway lets it reach only routes marked with a scope it holds, and only commands that
 * accept a `Caller` (e.g. SummaryRequest) validate it: everywhere else the bus rejects it
 * (`kind` and `scopes` are not fields of `Actor`), so a missing check fails closed.
 */
export class IntegrationActor {
  @IsIn(['integration'])
  kind: 'integration';

  /** The API key's id */
  @IsUUID()
  id: string;

  /** The API key's name */
  @IsString()
  @MaxLength(200)
  name: string;

  @IsArray()
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes: ApiKeyScope[];
}

/** Whoever is calling: a person (JWT) or a system (API key). */
export type Caller = Actor | IntegrationActor;

export function isIntegration(caller: Caller): caller is IntegrationActor {
  return (caller as Partial<IntegrationActor>).kind === 'integration';
}

/** Admins, supervisors and agents. Fail-closed: anything without one of those roles is not staff. */
export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}

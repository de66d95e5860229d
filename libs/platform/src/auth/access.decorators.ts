import { ApiKeyScope, Role } from '@helpdesk/contracts';
import { CustomDecorator, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'helpdesk:isPublic';
export const ROLES_KEY = 'helpdesk:roles';
export const SCOPES_KEY = 'helpdesk:scopes';

/** The route needs no token (login, health, public knowledge base). */
export const Public = (): CustomDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** The roles that may call the route. A route with neither @Public nor @Roles is closed to everyone. */
export const Roles = (...roles: Role[]): CustomDecorator => SetMetadata(ROLES_KEY, roles);

/**
 * The API key scopes that open the route to systems (any one suffices). A route without @Scopes is
 * closed to every API key; people with a token are unaffected (their @Roles apply).
 */
export const Scopes = (...scopes: ApiKeyScope[]): CustomDecorator => SetMetadata(SCOPES_KEY, scopes);

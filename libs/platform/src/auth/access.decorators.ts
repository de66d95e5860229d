import { Role } from '@helpdesk/contracts';
import { CustomDecorator, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'helpdesk:isPublic';
export const ROLES_KEY = 'helpdesk:roles';

/** The route needs no token (login, health, public knowledge base). */
export const Public = (): CustomDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** The roles that may call the route. A route with neither @Public nor @Roles is closed to everyone. */
export const Roles = (...roles: Role[]): CustomDecorator => SetMetadata(ROLES_KEY, roles);

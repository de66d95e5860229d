import { Actor, ErrorCode, Role } from '@helpdesk/contracts';
import { DomainError, IS_PUBLIC_KEY, ROLES_KEY } from '@helpdesk/platform';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { OPTIONAL_AUTH_KEY } from './optional-auth.decorator';

/** Fail-closed role check: a route must be @Public(), @OptionalAuth() or name its @Roles(). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!roles?.length || !actor || !roles.includes(actor.role)) {
      throw new DomainError(ErrorCode.Forbidden, 'Your role does not allow this', { requiredRoles: roles ?? [] });
    }
    return true;
  }
}

import { ApiKeyScope, Caller, ErrorCode, isIntegration, Role } from '@helpdesk/contracts';
import { DomainError, IS_PUBLIC_KEY, ROLES_KEY, SCOPES_KEY } from '@helpdesk/platform';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { OPTIONAL_AUTH_KEY } from './optional-auth.decorator';
import { scopeRefusal } from './scopes';

/**
 * Fail-closed access check: a route must be @Public(), @OptionalAuth() or name its @Roles().
 * An API key (integration caller) has no role: it passes only routes whose @Scopes() it holds,
 * @OptionalAuth() ones included; people are checked by role and @Scopes() does not concern them.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const caller = context.switchToHttp().getRequest<{ user?: Caller }>().user;
    if (caller && isIntegration(caller)) {
      const required = this.reflector.getAllAndOverride<ApiKeyScope[] | undefined>(SCOPES_KEY, targets);
      const refusal = scopeRefusal(caller.scopes, required);
      if (refusal) throw new DomainError(ErrorCode.Forbidden, refusal, { requiredScopes: required ?? [] });
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length || !caller || !roles.includes(caller.role)) {
      throw new DomainError(ErrorCode.Forbidden, 'Your role does not allow this', { requiredRoles: roles ?? [] });
    }
    return true;
  }
}

import { Actor, Caller } from '@helpdesk/contracts';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/**
 * The authenticated person (set by JwtAuthGuard). On a route without @Scopes() it is always a
 * person: RolesGuard keeps API keys out of such routes.
 */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});

/** The caller of a @Scopes() route: a person or an integration (API key). */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ user: Caller }>().user;
});

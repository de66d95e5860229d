import { Actor } from '@helpdesk/contracts';
import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const OPTIONAL_AUTH_KEY = 'helpdesk:optionalAuth';

/**
 * Anyone may call the route (the public knowledge base); a bearer token, when sent, must be valid
 * and makes the caller known, so the answer is what that person may see.
 */
export const OptionalAuth = (): CustomDecorator => SetMetadata(OPTIONAL_AUTH_KEY, true);

/** The caller of an @OptionalAuth() route: null when anonymous. */
export const CurrentReader = createParamDecorator((_: unknown, context: ExecutionContext): Actor | null => {
  return context.switchToHttp().getRequest<{ user?: Actor }>().user ?? null;
});

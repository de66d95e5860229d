import { Actor } from '@helpdesk/contracts';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The authenticated caller (set by JwtAuthGuard). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});

import { Caller, isIntegration } from '@helpdesk/contracts';
import { CustomDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

export const STRICT_RATE_LIMIT_KEY = 'helpdesk:strictRateLimit';

/** The route has the stricter LOGIN_RATE_LIMIT_PER_MINUTE (login, password reset). */
export const StrictRateLimit = (): CustomDecorator => SetMetadata(STRICT_RATE_LIMIT_KEY, true);

/**
 * Per-client rate limits: the logged-in user or the API key, else the client address. Answers 429 with
 * `Retry-After`, and every answer carries the IETF `RateLimit-Limit/Remaining/Reset` headers.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const caller = req.user as Caller | undefined;
    if (!caller) return Promise.resolve(`ip:${String(req.ip)}`);
    return Promise.resolve(isIntegration(caller) ? `key:${caller.id}` : `user:${caller.id}`);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const url = context.switchToHttp().getRequest<{ url?: string }>().url ?? '';
    return Promise.resolve(url.startsWith('/health') || url === '/metrics' || url.startsWith('/metrics?'));
  }
}

import { ErrorCode } from '@helpdesk/contracts';
import { DomainError, IS_PUBLIC_KEY } from '@helpdesk/platform';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { OPTIONAL_AUTH_KEY } from './optional-auth.decorator';

/** Every route needs a valid bearer token unless it is @Public(); an @OptionalAuth() route checks one only when it is sent. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets)) {
      const authorization = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
      if (authorization === undefined) return true;
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error || !user) {
      const reason =
        info instanceof Error && info.name === 'TokenExpiredError' ? 'The access token has expired' : 'A valid bearer token is required';
      throw new DomainError(ErrorCode.Unauthenticated, reason);
    }
    return user;
  }
}

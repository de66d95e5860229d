import { Caller, ErrorCode } from '@helpdesk/contracts';
import { DomainError, IS_PUBLIC_KEY } from '@helpdesk/platform';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { API_KEY_QUERY_PARAMETER, challenges, extractCredential, isODataPath } from './api-key-credentials';
import { API_KEY_IN_QUERY_KEY } from './api-key-query.decorator';
import { OPTIONAL_AUTH_KEY } from './optional-auth.decorator';

type Request = FastifyRequest & { user?: Caller };

/**
 * Every route needs a credential unless it is @Public(); an @OptionalAuth() route checks one only
 * when it is sent. People send a bearer JWT; systems an API key (see extractCredential), which
 * makes the caller an integration that RolesGuard lets through @Scopes routes only. Every 401
 * carries WWW-Authenticate.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const reply = http.getResponse<FastifyReply>();
    const allowQuery = isODataPath(request.url) || this.reflector.getAllAndOverride<boolean>(API_KEY_IN_QUERY_KEY, targets) === true;
    const credential = extractCredential({ headers: request.headers, query: request.query }, allowQuery);
    switch (credential.kind) {
      case 'none':
        if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets)) return true;
        throw unauthenticated(reply, 'A valid bearer token or API key is required', false, false);
      case 'invalid':
        throw unauthenticated(reply, credential.reason, true, credential.basic);
      case 'api-key':
        // The key is the credential, not a query parameter of the route: the route's validation never sees it.
        if (credential.via === 'query') delete (request.query as Record<string, unknown>)[API_KEY_QUERY_PARAMETER];
        try {
          request.user = await this.apiKeys.authenticate(credential.key);
          return true;
        } catch (error) {
          if (error instanceof DomainError && error.code === ErrorCode.Unauthenticated) {
            throw unauthenticated(reply, error.message, true, credential.via === 'basic');
          }
          throw error;
        }
      case 'jwt':
        return (await super.canActivate(context)) as boolean;
    }
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown, context: ExecutionContext): TUser {
    if (error || !user) {
      const reason =
        info instanceof Error && info.name === 'TokenExpiredError' ? 'The access token has expired' : 'A valid bearer token is required';
      throw unauthenticated(context.switchToHttp().getResponse<FastifyReply>(), reason, true, false);
    }
    return user;
  }
}

function unauthenticated(reply: FastifyReply, reason: string, presented: boolean, basic: boolean): DomainError {
  void reply.header('WWW-Authenticate', challenges(presented, basic));
  return new DomainError(ErrorCode.Unauthenticated, reason);
}

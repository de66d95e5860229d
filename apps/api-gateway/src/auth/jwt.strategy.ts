import { createSecretKey } from 'node:crypto';
import { Actor, Role } from '@helpdesk/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

/** The claims the gateway puts in its tokens. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  email: string;
  name: string;
}

export const JWT_ISSUER = 'helpdesk';
export const JWT_AUDIENCE = 'helpdesk-api';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken rebuilds a key (and first tries to parse
      // it as a public key) on every request, which was a third of the gateway's CPU under load.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /** The token's claims become the request's actor. */
  validate(claims: AccessTokenClaims): Actor {
    return { id: claims.sub, role: claims.role, email: claims.email, name: claims.name };
  }
}

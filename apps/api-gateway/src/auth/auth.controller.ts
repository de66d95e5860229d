import { Actor, LoginDto, Role, SUBJECTS, TokenView, UserView } from '@helpdesk/contracts';
import { BusClient, Public, Roles } from '@helpdesk/platform';
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { AccessTokenClaims, JWT_AUDIENCE, JWT_ISSUER } from './jwt.strategy';
import { CurrentActor } from './current-actor.decorator';
import { StrictRateLimit } from '../http/rate-limit.guard';
import { ApiProblems } from '../http/api-problems.decorator';

@ApiTags('auth')
@ApiProblems()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly bus: BusClient,
    private readonly jwt: JwtService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @StrictRateLimit()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiOkResponse({ type: TokenView })
  @ApiUnauthorizedResponse({ description: 'Email or password is wrong' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts' })
  async login(@Body() dto: LoginDto): Promise<TokenView> {
    const user = await this.bus.request<UserView>(SUBJECTS.directory.authenticate, { email: dto.email, password: dto.password });
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, email: user.email, name: user.name };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.config.jwtSecret,
      expiresIn: this.config.jwtExpiresInSeconds,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      algorithm: 'HS256',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresInSeconds };
  }

  @Roles(Role.Admin, Role.Supervisor, Role.Agent, Role.Customer)
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.bus.request<UserView>(SUBJECTS.directory.userGet, { actor, id: actor.id });
  }
}

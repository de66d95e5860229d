import { ConfigError } from '@helpdesk/platform';
import { readGatewayConfig } from './gateway.config';

const SECRET = 'a'.repeat(32);

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(readGatewayConfig.name, () => {
  it.each([['standalone' as const], ['distributed' as const]])('requires JWT_SECRET in %s mode', (mode) => {
    const error = configError(() => readGatewayConfig({}, mode));
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toMatch(/^JWT_SECRET is required/);
  });

  it('says how long the secret must be in distributed mode', () => {
    expect(configError(() => readGatewayConfig({}, 'distributed')).message).toContain('at least 32 characters');
  });

  it('rejects a JWT_SECRET shorter than 32 characters', () => {
    const error = configError(() => readGatewayConfig({ JWT_SECRET: 'a'.repeat(31) }, 'standalone'));
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toContain('at least 32 characters');
  });

  it('treats a blank JWT_SECRET as missing', () => {
    expect(configError(() => readGatewayConfig({ JWT_SECRET: '   ' }, 'standalone')).message).toMatch(/is required/);
  });

  it('accepts a 32 character secret and fills the defaults', () => {
    expect(readGatewayConfig({ JWT_SECRET: SECRET }, 'distributed')).toEqual({
      jwtSecret: SECRET,
      jwtExpiresInSeconds: 3600,
      rateLimitPerMinute: 600,
      loginRateLimitPerMinute: 20,
      bodyLimitBytes: 1_048_576,
      apiKeyCacheTtlMs: 5000,
    });
  });

  it('reads the overridden limits', () => {
    const config = readGatewayConfig(
      {
        JWT_SECRET: SECRET,
        JWT_EXPIRES_IN_SECONDS: '60',
        RATE_LIMIT_PER_MINUTE: '5',
        LOGIN_RATE_LIMIT_PER_MINUTE: '3',
        BODY_LIMIT_BYTES: '2048',
        API_KEY_CACHE_TTL_MS: '0',
      },
      'standalone',
    );
    expect(config).toMatchObject({
      jwtExpiresInSeconds: 60,
      rateLimitPerMinute: 5,
      loginRateLimitPerMinute: 3,
      bodyLimitBytes: 2048,
      apiKeyCacheTtlMs: 0,
    });
  });

  it.each([
    ['JWT_EXPIRES_IN_SECONDS', '59'],
    ['JWT_EXPIRES_IN_SECONDS', String(7 * 24 * 3600 + 1)],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['BODY_LIMIT_BYTES', '1023'],
    ['API_KEY_CACHE_TTL_MS', '30001'],
  ])('rejects %s=%s outside its range', (name, value) => {
    expect(configError(() => readGatewayConfig({ JWT_SECRET: SECRET, [name]: value }, 'standalone')).variable).toBe(name);
  });
});

import { ConfigError, env, readEnv, redact } from './env';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(readEnv.name, () => {
  it('reads every variable of the spec', () => {
    const values = readEnv({ NAME: env.string(), SIZE: env.int() }, { NAME: 'desk', SIZE: '3' });
    expect(values).toEqual({ NAME: 'desk', SIZE: 3 });
  });

  it('reads process.env when no source is given', () => {
    process.env.HELPDESK_ENV_SPEC_PROBE = 'from-process';
    try {
      expect(readEnv({ HELPDESK_ENV_SPEC_PROBE: env.string() })).toEqual({ HELPDESK_ENV_SPEC_PROBE: 'from-process' });
    } finally {
      delete process.env.HELPDESK_ENV_SPEC_PROBE;
    }
  });

  describe('env.string', () => {
    it('returns the trimmed value', () => {
      expect(readEnv({ NAME: env.string() }, { NAME: '  desk  ' }).NAME).toBe('desk');
    });

    it('falls back to the default when unset', () => {
      expect(readEnv({ NAME: env.string({ default: 'fallback' }) }, {}).NAME).toBe('fallback');
    });

    it('treats a blank value as unset', () => {
      expect(readEnv({ NAME: env.string({ default: 'fallback' }) }, { NAME: '   ' }).NAME).toBe('fallback');
    });

    it('throws a ConfigError naming a missing required variable', () => {
      const error = configError(() => readEnv({ NAME: env.string() }, {}));
      expect(error.variable).toBe('NAME');
      expect(error.message).toBe('NAME is required');
      expect(error.name).toBe('ConfigError');
    });

    it('throws when a blank required variable is given', () => {
      expect(configError(() => readEnv({ NAME: env.string() }, { NAME: '' })).variable).toBe('NAME');
    });

    it('rejects a value not matching the pattern, using its description', () => {
      const error = configError(() => readEnv({ NS: env.string({ pattern: /^[a-z]+$/, describe: 'lower-case letters' }) }, { NS: 'ABC' }));
      expect(error.variable).toBe('NS');
      expect(error.message).toContain('NS must match lower-case letters');
    });
  });

  describe('env.optionalString', () => {
    it('returns undefined when unset', () => {
      expect(readEnv({ S: env.optionalString() }, {}).S).toBeUndefined();
    });

    it('treats a blank value as unset', () => {
      expect(readEnv({ S: env.optionalString({ minLength: 5 }) }, { S: '  ' }).S).toBeUndefined();
    });

    it('returns a valid value', () => {
      expect(readEnv({ S: env.optionalString({ minLength: 3 }) }, { S: 'abc' }).S).toBe('abc');
    });

    it('rejects a value shorter than minLength', () => {
      const error = configError(() => readEnv({ S: env.optionalString({ minLength: 4 }) }, { S: 'abc' }));
      expect(error.variable).toBe('S');
      expect(error.message).toContain('at least 4 characters');
    });

    it('rejects a value not matching the pattern', () => {
      expect(configError(() => readEnv({ S: env.optionalString({ pattern: /^\d+$/ }) }, { S: 'x' })).variable).toBe('S');
    });
  });

  describe('env.int', () => {
    it('parses a whole number', () => {
      expect(readEnv({ N: env.int() }, { N: ' 42 ' }).N).toBe(42);
    });

    it('parses a negative number', () => {
      expect(readEnv({ N: env.int() }, { N: '-7' }).N).toBe(-7);
    });

    it('falls back to the default when unset', () => {
      expect(readEnv({ N: env.int({ default: 10 }) }, {}).N).toBe(10);
    });

    it('treats a blank value as unset', () => {
      expect(readEnv({ N: env.int({ default: 10 }) }, { N: '' }).N).toBe(10);
    });

    it('throws naming a missing required number', () => {
      const error = configError(() => readEnv({ N: env.int() }, {}));
      expect(error.variable).toBe('N');
      expect(error.message).toBe('N is required');
    });

    it.each([['abc'], ['1.5'], ['1e3'], ['0x10'], ['12px']])('rejects %p as not a whole number', (text) => {
      const error = configError(() => readEnv({ N: env.int({ default: 1 }) }, { N: text }));
      expect(error.variable).toBe('N');
      expect(error.message).toContain('must be a whole number');
    });

    it.each([
      ['4', 5, 10, 'at least 5'],
      ['11', 5, 10, 'at most 10'],
    ])('rejects %p outside [%p, %p]', (text, min, max, problem) => {
      const error = configError(() => readEnv({ N: env.int({ min, max }) }, { N: text }));
      expect(error.message).toContain(problem);
    });

    it.each([['5'], ['10']])('accepts the bound %p', (text) => {
      expect(readEnv({ N: env.int({ min: 5, max: 10 }) }, { N: text }).N).toBe(Number(text));
    });
  });

  describe('env.oneOf', () => {
    const LEVELS = ['info', 'debug'] as const;

    it('returns an allowed value', () => {
      expect(readEnv({ L: env.oneOf(LEVELS, 'info') }, { L: 'debug' }).L).toBe('debug');
    });

    it('falls back when unset', () => {
      expect(readEnv({ L: env.oneOf(LEVELS, 'info') }, {}).L).toBe('info');
    });

    it('rejects a value that is not listed, naming the choices', () => {
      const error = configError(() => readEnv({ L: env.oneOf(LEVELS, 'info') }, { L: 'verbose' }));
      expect(error.variable).toBe('L');
      expect(error.message).toContain('info, debug');
      expect(error.message).toContain('"verbose"');
    });
  });

  describe('env.optionalUrl', () => {
    const reader = env.optionalUrl(['postgres', 'postgresql']);

    it('returns undefined when unset', () => {
      expect(readEnv({ U: reader }, {}).U).toBeUndefined();
    });

    it('treats a blank value as unset', () => {
      expect(readEnv({ U: reader }, { U: ' ' }).U).toBeUndefined();
    });

    it('returns a URL with an allowed protocol', () => {
      expect(readEnv({ U: reader }, { U: 'postgres://u:p@db:5432/helpdesk' }).U).toBe('postgres://u:p@db:5432/helpdesk');
    });

    it('accepts a comma-separated list of URLs', () => {
      const list = 'nats://a:4222, nats://b:4222';
      expect(readEnv({ U: env.optionalUrl(['nats']) }, { U: list }).U).toBe(list);
    });

    it('rejects a URL with another protocol', () => {
      const error = configError(() => readEnv({ U: reader }, { U: 'mysql://db/helpdesk' }));
      expect(error.variable).toBe('U');
      expect(error.message).toContain('must use postgres or postgresql');
    });

    it('rejects a list in which one URL has another protocol', () => {
      expect(configError(() => readEnv({ U: env.optionalUrl(['nats']) }, { U: 'nats://a:4222,http://b' })).variable).toBe('U');
    });

    it('rejects text that is not a URL', () => {
      const error = configError(() => readEnv({ U: reader }, { U: 'not a url' }));
      expect(error.variable).toBe('U');
      expect(error.message).toContain('must be a URL');
    });

    it('does not print the password of a URL it rejects', () => {
      const error = configError(() => readEnv({ U: reader }, { U: 'postgres://user:s3cret@db:notaport/x' }));
      expect(error.message).not.toContain('s3cret');
    });
  });
});

describe(redact.name, () => {
  it('hides the password of a URL', () => {
    expect(redact('postgres://helpdesk:s3cret@db:5432/helpdesk')).toBe('postgres://helpdesk:***@db:5432/helpdesk');
  });

  it('hides the password of every URL in a list', () => {
    expect(redact('nats://a:one@h1:4222,nats://b:two@h2:4222')).toBe('nats://a:***@h1:4222,nats://b:***@h2:4222');
  });

  it('leaves a URL without credentials alone', () => {
    expect(redact('nats://localhost:4222')).toBe('nats://localhost:4222');
  });

  it('leaves a URL with only a user name alone', () => {
    expect(redact('postgres://helpdesk@db/helpdesk')).toBe('postgres://helpdesk@db/helpdesk');
  });
});

describe('redact (passwords that break naive parsing)', () => {
  it.each([
    ['postgres://:secret@host/db', 'secret'],
    ['postgres://u:pa/ss@host/db', 'pa/ss'],
    ['postgres://u:p@ss@host/db', 'p@ss'],
    ['nats://a:one@h1:4222,nats://b:two@h2:4222', 'one'],
  ])('hides the password of %s', (url, password) => {
    expect(redact(url)).not.toContain(password);
  });
});

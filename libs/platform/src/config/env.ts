/**
 * Typed, validated environment variables. A bad or missing value raises a ConfigError naming the
 * variable; `main` turns it into one clear line and a non-zero exit.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type EnvSource = Record<string, string | undefined>;
export type EnvReader<T> = (name: string, source: EnvSource) => T;

function raw(name: string, source: EnvSource): string | undefined {
  const value = source[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export const env = {
  string(options: { default?: string; pattern?: RegExp; describe?: string } = {}): EnvReader<string> {
    return (name, source) => {
      const value = raw(name, source) ?? options.default;
      if (value === undefined) throw new ConfigError(name, 'is required');
      if (options.pattern && !options.pattern.test(value)) {
        throw new ConfigError(name, `must match ${options.describe ?? String(options.pattern)}, got "${value}"`);
      }
      return value;
    };
  },
  optionalString(options: { pattern?: RegExp; describe?: string; minLength?: number } = {}): EnvReader<string | undefined> {
    return (name, source) => {
      const value = raw(name, source);
      if (value === undefined) return undefined;
      if (options.pattern && !options.pattern.test(value)) {
        throw new ConfigError(name, `must match ${options.describe ?? String(options.pattern)}`);
      }
      if (options.minLength !== undefined && value.length < options.minLength) {
        throw new ConfigError(name, `must be at least ${options.minLength} characters long`);
      }
      return value;
    };
  },
  int(options: { default?: number; min?: number; max?: number } = {}): EnvReader<number> {
    return (name, source) => {
      const text = raw(name, source);
      if (text === undefined) {
        if (options.default === undefined) throw new ConfigError(name, 'is required');
        return options.default;
      }
      if (!/^-?\d+$/.test(text)) throw new ConfigError(name, `must be a whole number, got "${text}"`);
      const value = Number(text);
      if (options.min !== undefined && value < options.min) throw new ConfigError(name, `must be at least ${options.min}, got ${value}`);
      if (options.max !== undefined && value > options.max) throw new ConfigError(name, `must be at most ${options.max}, got ${value}`);
      return value;
    };
  },
  oneOf<T extends string>(values: readonly T[], fallback: T): EnvReader<T> {
    return (name, source) => {
      const text = raw(name, source);
      if (text === undefined) return fallback;
      if (!(values as readonly string[]).includes(text)) {
        throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${text}"`);
      }
      return text as T;
    };
  },
  optionalUrl(protocols: readonly string[]): EnvReader<string | undefined> {
    return (name, source) => {
      const text = raw(name, source);
      if (text === undefined) return undefined;
      for (const part of text.split(',')) {
        let url: URL;
        try {
          url = new URL(part.trim());
        } catch {
          throw new ConfigError(name, `must be a URL (${protocols.join(' or ')}), got "${redact(text)}"`);
        }
        if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
          throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
        }
      }
      return text;
    };
  },
};

/** Hides a password inside a URL before it is printed. */
export function redact(text: string): string {
  return text
    .split(',')
    .map((part) => {
      // Whatever stands between the scheme and the last @ may be a password, even one with / or @.
      return part.replace(/\/\/([^:@/]*):.*@/, '//$1:***@');
    })
    .join(',');
}

export type EnvSpec = Record<string, EnvReader<unknown>>;
export type EnvValues<S extends EnvSpec> = { [K in keyof S]: ReturnType<S[K]> };

/** Reads every variable of the spec; the first bad one throws. */
export function readEnv<S extends EnvSpec>(spec: S, source: EnvSource = process.env): EnvValues<S> {
  const values = {} as EnvValues<S>;
  for (const name of Object.keys(spec) as (keyof S & string)[]) {
    values[name] = spec[name](name, source) as EnvValues<S>[typeof name];
  }
  return values;
}

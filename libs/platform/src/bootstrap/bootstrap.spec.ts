import { ConfigError } from '../config/env';
import { exitOnConfigError } from './bootstrap';

describe(exitOnConfigError.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('prints one line naming the variable and exits with 1', () => {
    const lines: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(chunk.toString());
      return true;
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Error(`exit ${code}`);
    });
    expect(() => exitOnConfigError(new ConfigError('JWT_SECRET', 'is required in distributed mode'))).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines).toEqual(['Configuration error: JWT_SECRET is required in distributed mode\n']);
  });

  it('rethrows anything that is not a configuration error', () => {
    const boom = new Error('boom');
    expect(() => exitOnConfigError(boom)).toThrow(boom);
  });
});

import request from 'supertest';
import { login } from './api';
import { startTarget, Target, TargetEnv } from './target';

/** The suite a spec file runs against, started before its tests and closed after them. */
export interface Suite {
  readonly target: Target;
  /** The first admin's token (a spec may replace it, e.g. after a restart) */
  admin: string;
  /** A supertest agent on the suite's URL */
  api(): ReturnType<typeof request>;
}

/**
 * Starts the suite (standalone or distributed, see startTarget) with `env` for the spec file that
 * calls it, logs the first admin in, and closes it after the file's tests.
 */
export function useSuite(env: TargetEnv = {}): Suite {
  const state: { target?: Target; admin?: string } = {};
  beforeAll(async () => {
    state.target = await startTarget(env);
    state.admin = await login(state.target);
  });
  afterAll(async () => {
    await state.target?.close();
  });
  const started = (): Target => {
    if (!state.target) throw new Error('the suite is not started yet: use it inside tests and hooks');
    return state.target;
  };
  return {
    get target() {
      return started();
    },
    get admin() {
      started();
      return state.admin as string;
    },
    set admin(token: string) {
      state.admin = token;
    },
    api: () => request(started().url),
  };
}

import { HealthIndicatorResult } from '@nestjs/terminus';

/** One named readiness check: resolves to its result, rejects (or reports down) when not ready. */
export type ReadinessCheck = () => Promise<HealthIndicatorResult>;

/** Extra checks an app adds to its readiness (the standalone gateway adds every in-process service's). */
export const EXTRA_READINESS_CHECKS = Symbol('EXTRA_READINESS_CHECKS');

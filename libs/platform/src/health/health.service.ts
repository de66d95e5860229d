import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { BusClient } from '../bus/bus-client';
import { RUNTIME, Runtime } from '../runtime';
import { EXTRA_READINESS_CHECKS, ReadinessCheck } from './readiness';

/** Readiness of this app: its database (if it has one), its bus, and any extra checks. */
@Injectable()
export class HealthService {
  private shuttingDown = false;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly bus: BusClient,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Optional() private readonly dataSource?: DataSource,
    @Optional() @Inject(EXTRA_READINESS_CHECKS) private readonly extra: ReadinessCheck[] = [],
  ) {}

  /** Checks this app's own dependencies, each result keyed by service. */
  readonly ownChecks = (): ReadinessCheck[] => {
    const prefix = this.runtime.service;
    const checks: ReadinessCheck[] = [
      () => {
        const bus = this.indicators.check(`${prefix}:bus`);
        return Promise.resolve(
          this.bus.isConnected() && !this.shuttingDown
            ? bus.up()
            : bus.down({ reason: this.shuttingDown ? 'shutting down' : 'disconnected' }),
        );
      },
    ];
    if (this.dataSource) {
      const connection = this.dataSource;
      checks.push(() => this.typeorm.pingCheck(`${prefix}:database`, { connection, timeout: 3000 }));
    }
    return checks;
  };

  ready() {
    return this.health.check([...this.ownChecks(), ...(this.extra ?? [])]);
  }

  /** Readiness goes false as soon as shutdown starts. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }
}

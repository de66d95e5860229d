import { DynamicModule, Global, Module } from '@nestjs/common';
import { BusModule } from './bus/bus.module';
import { DatabaseModule, ServiceDatabaseOptions } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ReadinessCheck } from './health/readiness';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { EventInbox } from './inbox/event-inbox';
import { LoggingModule } from './logging/logging.module';
import { OutboxRelay } from './outbox/outbox-relay';
import { UnitOfWork } from './outbox/unit-of-work';
import { RUNTIME, Runtime } from './runtime';

@Global()
@Module({})
class RuntimeModule {
  static with(runtime: Runtime): DynamicModule {
    return { module: RuntimeModule, providers: [{ provide: RUNTIME, useValue: runtime }], exports: [RUNTIME] };
  }
}

/** Transactions with an outbox, idempotent event consumption and idempotency keys, for services that own data. */
@Global()
@Module({
  providers: [OutboxRelay, UnitOfWork, EventInbox, IdempotencyStore],
  exports: [OutboxRelay, UnitOfWork, EventInbox, IdempotencyStore],
})
class PersistenceModule {}

export interface PlatformOptions {
  /** The service's own schema, entities and migrations; absent for stateless apps (the gateway) */
  database?: ServiceDatabaseOptions;
  /** More readiness checks (the standalone gateway adds every in-process service's) */
  extraReadiness?: ReadinessCheck[];
}

/** Everything an app needs from the platform, the same way in both topologies. */
@Module({})
export class PlatformModule {
  static forRoot(runtime: Runtime, options: PlatformOptions = {}): DynamicModule {
    const imports: DynamicModule[] = [
      RuntimeModule.with(runtime),
      LoggingModule.forRuntime(runtime),
      { module: BusModule },
      HealthModule.forRoot(options.extraReadiness),
    ];
    if (options.database) imports.push(DatabaseModule.forService(options.database), { module: PersistenceModule });
    return { module: PlatformModule, imports, exports: imports };
  }
}

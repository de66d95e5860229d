import { DynamicModule, Global, Module } from '@nestjs/common';
import { BusModule } from './bus/bus.module';
import { DatabaseModule, ServiceDatabaseOptions } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ReadinessCheck } from './health/readiness';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { DataSource } from 'typeorm';
import { DatabaseParkingLot } from './inbox/database-parking-lot';
import { EventInbox } from './inbox/event-inbox';
import { LogParkingLot, PARKING_LOT } from './inbox/parking-lot';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { OutboxMetrics } from './outbox/outbox-metrics';
import { OutboxRelay } from './outbox/outbox-relay';
import { ParkedEvents, parkedEventsHandler } from './inbox/parked-events';
import { UnitOfWork } from './outbox/unit-of-work';
import { RetentionJob } from './jobs/retention.job';
import { enableTestClock } from './time/clock';
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
  providers: [
    OutboxRelay,
    OutboxMetrics,
    UnitOfWork,
    EventInbox,
    IdempotencyStore,
    ParkedEvents,
    RetentionJob,
    { provide: PARKING_LOT, inject: [DataSource], useFactory: (dataSource: DataSource) => new DatabaseParkingLot(dataSource) },
  ],
  exports: [OutboxRelay, UnitOfWork, EventInbox, IdempotencyStore, PARKING_LOT],
})
class PersistenceModule {}

@Global()
@Module({ providers: [{ provide: PARKING_LOT, useClass: LogParkingLot }], exports: [PARKING_LOT] })
class StatelessModule {}

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
    if (runtime.settings.testClock) enableTestClock(runtime.settings.testClockFile);
    const imports: DynamicModule[] = [
      RuntimeModule.with(runtime),
      LoggingModule.forRuntime(runtime),
      MetricsModule.forRuntime(runtime),
      { module: BusModule },
      HealthModule.forRoot(options.extraReadiness),
    ];
    if (options.database) {
      imports.push(DatabaseModule.forService(options.database), {
        module: PersistenceModule,
        controllers: [parkedEventsHandler(runtime.service)],
      });
    } else imports.push({ module: StatelessModule });
    return { module: PlatformModule, imports, exports: imports };
  }
}

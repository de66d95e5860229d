import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { EXTRA_READINESS_CHECKS, ReadinessCheck } from './readiness';

@Module({})
export class HealthModule {
  static forRoot(extraChecks: ReadinessCheck[] = []): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers: [HealthService, { provide: EXTRA_READINESS_CHECKS, useValue: extraChecks }],
      exports: [HealthService],
    };
  }
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { Runtime } from '../runtime';
import { MetricsController } from './metrics.controller';
import { PlatformMetrics, processMetrics } from './platform-metrics';

/**
 * `GET /metrics` and the process's registry for every provider that records metrics. Node's default
 * metrics are collected once per process: labelled with the app distributed, `standalone` otherwise.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    const metrics = processMetrics();
    metrics.collectDefaults(runtime.mode === 'standalone' ? 'standalone' : runtime.service);
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: PlatformMetrics, useValue: metrics }],
      exports: [PlatformMetrics],
    };
  }
}

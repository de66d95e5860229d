import { Global, Module } from '@nestjs/common';
import { MeteredBusClient } from '../metrics/metered-bus-client';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { RUNTIME, Runtime } from '../runtime';
import {
  BusClient,
  EventPublisher,
  InProcessBusClient,
  InProcessEventPublisher,
  JetStreamEventPublisher,
  NatsBusClient,
} from './bus-client';

function requireBroker(runtime: Runtime) {
  if (!runtime.broker) throw new Error('standalone mode needs the in-process broker');
  return runtime.broker;
}

function requireNats(runtime: Runtime) {
  if (!runtime.nats) throw new Error('distributed mode needs a NATS connection');
  return runtime.nats;
}

/** The bus client (counted and timed per subject) and event publisher of the app's topology. */
@Global()
@Module({
  providers: [
    {
      provide: BusClient,
      inject: [RUNTIME, PlatformMetrics],
      useFactory: (runtime: Runtime, metrics: PlatformMetrics): BusClient =>
        new MeteredBusClient(
          runtime.mode === 'standalone'
            ? new InProcessBusClient(requireBroker(runtime), runtime.settings.busNamespace, runtime.settings.requestTimeoutMs)
            : new NatsBusClient(requireNats(runtime), runtime.settings.busNamespace, runtime.settings.requestTimeoutMs),
          metrics,
          runtime.service,
        ),
    },
    {
      provide: EventPublisher,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime): EventPublisher =>
        runtime.mode === 'standalone'
          ? new InProcessEventPublisher(requireBroker(runtime), runtime.settings.busNamespace)
          : new JetStreamEventPublisher(requireNats(runtime), runtime.settings.busNamespace, runtime.settings.eventStream),
    },
  ],
  exports: [BusClient, EventPublisher],
})
export class BusModule {}

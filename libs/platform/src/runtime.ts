import { ServiceName } from '@helpdesk/contracts';
import type { NatsConnection } from 'nats';
import type { InProcessBroker } from './bus/in-process-broker';
import { PlatformSettings } from './config/platform-settings';

export type RunMode = 'standalone' | 'distributed';

/** How one app runs: which service it is, the topology, and the live connections it shares. */
export interface Runtime {
  service: ServiceName;
  mode: RunMode;
  settings: PlatformSettings;
  /** standalone: the in-process broker every app of the process shares */
  broker?: InProcessBroker;
  /** distributed: the NATS connection the app's server and client share */
  nats?: NatsConnection;
}

export const RUNTIME = Symbol('RUNTIME');

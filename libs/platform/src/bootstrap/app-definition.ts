import { ServiceName } from '@helpdesk/contracts';
import { DynamicModule } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EnvSource } from '../config/env';
import { ServiceDatabaseOptions } from '../database/database.module';
import { RunMode, Runtime } from '../runtime';

/**
 * What an app is, independent of how it runs: its name, its own configuration, its root module
 * and (for the HTTP gateways) how its HTTP side is set up. `main.ts` runs it distributed;
 * `apps/standalone` runs every definition in one process.
 */
export interface AppDefinition<TConfig = unknown> {
  service: ServiceName;
  defaultPort: number;
  /** The schema, entities and migrations of a service that owns data (`HELPDESK_MIGRATE_ONLY` runs them and exits) */
  database?: ServiceDatabaseOptions;
  /** Reads and validates the app's own variables; throws ConfigError naming the bad one */
  readConfig(source: EnvSource, mode: RunMode): TConfig;
  module(runtime: Runtime, config: TConfig): DynamicModule;
  /** HTTP gateways: routes, docs and limits beyond the health endpoints */
  http?: {
    bodyLimit(config: TConfig): number;
    /** Keep each JSON body's bytes as `request.rawBody` (webhook signatures are computed over them) */
    rawBody?: boolean;
    configure(app: NestFastifyApplication, config: TConfig, runtime: Runtime): void | Promise<void>;
  };
}

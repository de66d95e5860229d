import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { KB_DATABASE } from './database/schema';

/** kb-service: knowledge base articles, search and suggestions (built out by the knowledge-base issue). */
@Module({})
export class KbServiceModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: KbServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: KB_DATABASE })],
    };
  }
}

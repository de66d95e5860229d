import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Readers } from './access/readers';
import { KB_SERVICE_CONFIG, KbServiceConfig } from './config/kb-service.config';
import { KB_DATABASE } from './database/schema';

/** kb-service: knowledge-base articles with revisions and translations, categories, search, suggestions, feedback and knowledge capture. */
@Module({})
export class KbServiceModule {
  static register(runtime: Runtime, config: KbServiceConfig): DynamicModule {
    return {
      module: KbServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: KB_DATABASE })],
      controllers: [],
      providers: [{ provide: KB_SERVICE_CONFIG, useValue: config }, Readers],
    };
  }
}

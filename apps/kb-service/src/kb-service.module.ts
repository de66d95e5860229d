import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Readers } from './access/readers';
import { ArticlesHandler } from './articles/articles.handler';
import { ArticlesService } from './articles/articles.service';
import { RevisionsService } from './articles/revisions.service';
import { CategoriesHandler } from './categories/categories.handler';
import { CategoriesService } from './categories/categories.service';
import { KB_SERVICE_CONFIG, KbServiceConfig } from './config/kb-service.config';
import { KB_DATABASE } from './database/schema';
import { SearchHandler } from './search/search.handler';
import { SearchService } from './search/search.service';
import { SuggestionsService } from './search/suggestions.service';

/** kb-service: knowledge-base articles with revisions and translations, categories, search, suggestions, feedback and knowledge capture. */
@Module({})
export class KbServiceModule {
  static register(runtime: Runtime, config: KbServiceConfig): DynamicModule {
    return {
      module: KbServiceModule,
      imports: [PlatformModule.forRoot(runtime, { database: KB_DATABASE })],
      controllers: [ArticlesHandler, CategoriesHandler, SearchHandler],
      providers: [
        { provide: KB_SERVICE_CONFIG, useValue: config },
        Readers,
        ArticlesService,
        RevisionsService,
        CategoriesService,
        SearchService,
        SuggestionsService,
      ],
    };
  }
}

import { PlatformModule, Runtime } from '@helpdesk/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Readers } from './access/readers';
import { ArticlesHandler } from './articles/articles.handler';
import { ArticlesService } from './articles/articles.service';
import { RevisionsService } from './articles/revisions.service';
import { CategoriesHandler } from './categories/categories.handler';
import { CategoriesService } from './categories/categories.service';
import { CaptureHandler } from './capture/capture.handler';
import { CaptureService } from './capture/capture.service';
import { TicketSolvedConsumer } from './capture/ticket-solved.consumer';
import { TicketsClient } from './common/tickets-client';
import { FeedbackHandler } from './feedback/feedback.handler';
import { FeedbackService } from './feedback/feedback.service';
import { LinksHandler } from './links/links.handler';
import { LinksService } from './links/links.service';
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
      controllers: [ArticlesHandler, CategoriesHandler, LinksHandler, CaptureHandler, TicketSolvedConsumer, FeedbackHandler, SearchHandler],
      providers: [
        { provide: KB_SERVICE_CONFIG, useValue: config },
        Readers,
        ArticlesService,
        RevisionsService,
        CategoriesService,
        TicketsClient,
        LinksService,
        CaptureService,
        FeedbackService,
        SearchService,
        SuggestionsService,
      ],
    };
  }
}

import {
  KbDeflectionCommand,
  KbDeflectionView,
  KbSearchCommand,
  KbSearchResultView,
  KbSuggestCommand,
  KbSuggestionEventCommand,
  KbSuggestionEventView,
  KbSuggestionsView,
  SUBJECTS,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SearchService } from './search.service';
import { SuggestionsService } from './suggestions.service';

/** kb.search, kb.suggest and the deflection log. */
@Controller()
export class SearchHandler {
  constructor(
    private readonly searchService: SearchService,
    private readonly suggestions: SuggestionsService,
  ) {}

  @MessagePattern(SUBJECTS.kb.search)
  search(@Payload() { actor, query }: KbSearchCommand): Promise<KbSearchResultView> {
    return this.searchService.search(actor, query);
  }

  /** The web form (no actor, source `form`) and the gateway's `GET /kb/suggestions` alike. */
  @MessagePattern(SUBJECTS.kb.suggest)
  suggest(@Payload() command: KbSuggestCommand): Promise<KbSuggestionsView> {
    return this.suggestions.suggest(command);
  }

  @MessagePattern(SUBJECTS.kb.suggestionEvent)
  event(@Payload() { sessionId, event }: KbSuggestionEventCommand): Promise<KbSuggestionEventView> {
    return this.suggestions.record(sessionId, event);
  }

  @MessagePattern(SUBJECTS.kb.deflection)
  deflection(@Payload() { actor, query }: KbDeflectionCommand): Promise<KbDeflectionView> {
    return this.suggestions.deflection(actor, query);
  }
}

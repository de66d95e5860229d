import {
  Actor,
  KbDeflectionQuery,
  KbDeflectionView,
  KbSearchQuery,
  KbSearchResultView,
  KbSuggestCommand,
  KbSuggestionEventDto,
  KbSuggestionEventView,
  KbSuggestionsQuery,
  KbSuggestionsView,
  Role,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CurrentReader, OptionalAuth } from '../auth/optional-auth.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

const WHO_SEES =
  'Without a token: published public articles only. Customers also find published articles restricted to the customer role; staff ' +
  'find what they may read (internal and draft articles included; archived ones never).';

const DEFLECTION_NOTE =
  'Over the suggestion sessions opened in [from, to): `sessions` showed at least one article (`emptySessions` found nothing, a gap ' +
  'in the knowledge base); `clicked` had an article opened; `deflected` had "this solved my problem" and no ticket filed after; ' +
  '`ticketCreated` ended in a ticket anyway. **Deflection rate = deflected ÷ sessions**: tickets avoided per session in which ' +
  'the knowledge base had something to offer, as readers themselves report it. Zendesk’s "self-service score" is instead ' +
  'help-center views ÷ tickets, which needs no feedback but counts every browse as help and every ticket as a failure; this rate ' +
  'is narrower and lower, but it is tied to the tickets being written. Web-form sessions open after the ticket was filed (the form ' +
  'answers with suggestions), so filter by `source=portal` for tickets avoided before filing. Reporting can rebuild the same ' +
  'figures from the `kb.suggestions.shown`, `kb.suggestion.clicked`, `kb.suggestion.solved` and `kb.suggestion.ticket` events.';

@ApiTags('knowledge base')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/kb')
export class KbSearchController {
  constructor(private readonly bus: BusClient) {}

  @OptionalAuth()
  @Get('search')
  @ApiOperation({
    summary: 'Search the knowledge base: ranked hits with highlighted snippets (anyone, no token needed)',
    description:
      'Full text in each article’s language: words are stemmed and accents ignored ("impresion" finds "Impresión", "impresoras" ' +
      'finds "impresora"). A word in the title outranks one in the tags, which outranks the body. When full text finds fewer than ' +
      '3 hits, titles close in spelling are added (`fallback: "fuzzy"`, with `didYouMean`). `snippet` is safe HTML with the ' +
      'matches in `<mark>`. Without `locale`, every configured locale is searched, each article in its own language. An empty ' +
      'or over-long `q`, or a locale not configured, is a 400. ' +
      WHO_SEES,
  })
  @ApiOkResponse({ type: KbSearchResultView })
  search(@CurrentReader() actor: Actor | null, @Query() query: KbSearchQuery): Promise<KbSearchResultView> {
    return this.bus.request(SUBJECTS.kb.search, { actor, query });
  }

  @OptionalAuth()
  @Get('suggestions')
  @ApiOperation({
    summary: 'The articles most likely to answer a ticket being written, opening a suggestion session',
    description:
      '`text` is the ticket’s subject and description: its most significant words (up to 12) are searched for, any of them ' +
      'matching, in published articles of the locale the caller may read. The answer opens a suggestion session: report what the ' +
      'reader does with `POST /api/v1/kb/suggestion-sessions/{sessionId}/events`. ' +
      WHO_SEES.replace(' (internal and draft articles included; archived ones never)', ' (published only)'),
  })
  @ApiOkResponse({ type: KbSuggestionsView })
  suggestions(@CurrentReader() actor: Actor | null, @Query() query: KbSuggestionsQuery): Promise<KbSuggestionsView> {
    return this.bus.request(SUBJECTS.kb.suggest, {
      actor,
      text: query.text,
      locale: query.locale,
      limit: query.limit,
      source: query.source ?? 'portal',
    } satisfies KbSuggestCommand);
  }

  @OptionalAuth()
  @Post('suggestion-sessions/:sessionId/events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log what a reader did with the suggestions: opened one, was helped by one, or filed a ticket anyway',
    description:
      'Anyone may call it: the session id, unguessable, is the credential. `clicked` and `solved` name a suggested article (422 if ' +
      'it was not suggested in the session); `ticket_created` names none. Each (session, article, kind) is logged once: a repeat ' +
      'answers `recorded: false`. 404 for an unknown session.',
  })
  @ApiOkResponse({ type: KbSuggestionEventView })
  event(@Param('sessionId') sessionId: string, @Body() event: KbSuggestionEventDto): Promise<KbSuggestionEventView> {
    return this.bus.request(SUBJECTS.kb.suggestionEvent, { actor: null, sessionId: uuidParam(sessionId, 'sessionId'), event });
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Get('deflection')
  @ApiOperation({ summary: 'Deflection by knowledge-base suggestions over a period (supervisors, admins)', description: DEFLECTION_NOTE })
  @ApiOkResponse({ type: KbDeflectionView })
  deflection(@CurrentActor() actor: Actor, @Query() query: KbDeflectionQuery): Promise<KbDeflectionView> {
    return this.bus.request(SUBJECTS.kb.deflection, { actor, query });
  }
}

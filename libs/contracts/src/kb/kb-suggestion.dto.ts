import { ApiProperty } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import type { KbSuggestionSource } from './kb-search.dto';

/**
 * `kb.suggest`: articles that may answer a text (the web form shows them beside the new ticket; the
 * portal and the agent view while a ticket is written). The reply is a `KbSuggestionsView`: the
 * suggestions and the suggestion session they open (older kb-services answered the bare array).
 */
export interface KbSuggestCommand {
  text: string;
  /** A configured locale; the first of KB_LOCALES when absent */
  locale?: string;
  limit?: number;
  /** Where they are shown; `form` when absent (the web form was the first caller) */
  source?: KbSuggestionSource;
  /** The reader; null or absent for anonymous (the web form), who get published public articles only */
  actor?: Actor | null;
}

/** One knowledge-base article suggested for a text. */
export class KbSuggestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Cómo restablecer tu contraseña' }) title: string;
  @ApiProperty({ example: '/kb/articles/0b5e6c1e-8f1d-4c59-9a59-3f0f7d7f2a10' }) url: string;
  @ApiProperty({
    example: 'Si no puedes entrar en tu cuenta, pulsa «¿Olvidaste tu <mark>contraseña</mark>?»…',
    description: 'Safe HTML: the matched words in `<mark>`, everything else escaped',
  })
  snippet: string;
}

/** How long the web form waits for kb-service's suggestions before answering without them. */
export const KB_SUGGEST_TIMEOUT_MS = 300;

import { ApiProperty } from '@nestjs/swagger';

/** `kb.suggest`: articles that may answer a text (the web form shows them beside the new ticket). */
export interface KbSuggestCommand {
  text: string;
  locale: 'es' | 'en';
  limit: number;
}

/** One knowledge-base article suggested for a text. */
export class KbSuggestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Cómo restablecer tu contraseña' }) title: string;
  @ApiProperty({ example: '/kb/articles/restablecer-contrasena' }) url: string;
  @ApiProperty({ example: 'Si no puedes entrar en tu cuenta, pulsa «¿Olvidaste tu contraseña?»…' }) snippet: string;
}

/** How long the web form waits for kb-service's suggestions before answering without them. */
export const KB_SUGGEST_TIMEOUT_MS = 300;

import { ConfigError, env, EnvSource, readEnv } from '@helpdesk/platform';
import { DuplicateAction } from '../tickets/duplicates';

export interface TicketServiceConfig {
  adminEmail?: string;
  adminPassword?: string;
  /** Solved tickets close this long after being solved (Zendesk's default: 4 days) */
  autoCloseAfterMinutes: number;
  /** How often solved tickets are checked */
  autoCloseIntervalMs: number;
  /** How long a viewing/typing presence lasts unless renewed */
  presenceTtlSeconds: number;
  /** How long a satisfaction survey can be answered */
  csatSurveyTtlSeconds: number;
  /** `teams`: agents and supervisors see their teams' tickets (and the general queue); `all`: every ticket */
  agentTicketAccess: 'teams' | 'all';
  /** How long routing rules are cached (changes made on another replica apply within this time) */
  routingRulesCacheMs: number;
  /** How long custom field definitions are cached (changes made on another replica apply within this time) */
  customFieldsCacheMs: number;
  /** A new ticket is compared with the requester's open tickets of this many minutes (0: never) */
  duplicateWindowMinutes: number;
  /** `flag` marks possibleDuplicateOfId; `merge-identical` merges repeats of the very same message; `merge` merges similar ones too */
  duplicateAction: DuplicateAction;
  /** The largest attachment stored, in bytes (larger uploads are refused with 413 and nothing kept) */
  attachmentMaxBytes: number;
  /** A search newest first walks at most this many of the newest tickets in order before it finds older matches through the text index */
  searchRecentWindow: number;
  /** A new comment's search vectors wait this long before they are folded into its ticket's (searches see them meanwhile) */
  searchFoldDelayMs: number;
  /** How often comments due are folded into their tickets' search vectors */
  searchFoldIntervalMs: number;
  /**
   * Channel messages of a batch that need the full intake (new tickets, reopening replies, email,
   * phone) handled at once, each conversation's in order (distributed; the plain comments of a
   * batch go together in one transaction whatever this is)
   */
  channelIntakeConcurrency: number;
}

export const TICKET_SERVICE_CONFIG = Symbol('TICKET_SERVICE_CONFIG');

export function readTicketServiceConfig(source: EnvSource): TicketServiceConfig {
  const values = readEnv(
    {
      HELPDESK_ADMIN_EMAIL: env.optionalString({ pattern: /^[^@\s]+@[^@\s]+$/, describe: 'an email address' }),
      HELPDESK_ADMIN_PASSWORD: env.optionalString({ minLength: 10 }),
      TICKET_AUTO_CLOSE_AFTER_MINUTES: env.int({ default: 4 * 24 * 60, min: 0, max: 365 * 24 * 60 }),
      TICKET_AUTO_CLOSE_INTERVAL_MS: env.int({ default: 60_000, min: 100, max: 24 * 3600 * 1000 }),
      TICKET_PRESENCE_TTL_SECONDS: env.int({ default: 30, min: 1, max: 600 }),
      CSAT_SURVEY_TTL_SECONDS: env.int({ default: 14 * 24 * 3600, min: 1, max: 365 * 24 * 3600 }),
      TICKET_AGENT_ACCESS: env.oneOf(['teams', 'all'] as const, 'teams'),
      ROUTING_RULES_CACHE_MS: env.int({ default: 5000, min: 0, max: 600_000 }),
      CUSTOM_FIELDS_CACHE_MS: env.int({ default: 5000, min: 0, max: 600_000 }),
      DUPLICATE_WINDOW_MINUTES: env.int({ default: 60, min: 0, max: 7 * 24 * 60 }),
      DUPLICATE_ACTION: env.oneOf(['flag', 'merge-identical', 'merge'] as const, 'flag'),
      ATTACHMENT_MAX_BYTES: env.int({ default: 10 * 1_048_576, min: 1024, max: 1024 * 1_048_576 }),
      TICKET_SEARCH_RECENT_WINDOW: env.int({ default: 20_000, min: 1, max: 10_000_000 }),
      TICKET_SEARCH_FOLD_DELAY_MS: env.int({ default: 5000, min: 0, max: 3_600_000 }),
      TICKET_SEARCH_FOLD_INTERVAL_MS: env.int({ default: 1000, min: 50, max: 600_000 }),
      CHANNEL_INTAKE_CONCURRENCY: env.int({ default: 2, min: 1, max: 64 }),
    },
    source,
  );
  if (Boolean(values.HELPDESK_ADMIN_EMAIL) !== Boolean(values.HELPDESK_ADMIN_PASSWORD)) {
    const missing = values.HELPDESK_ADMIN_EMAIL ? 'HELPDESK_ADMIN_PASSWORD' : 'HELPDESK_ADMIN_EMAIL';
    throw new ConfigError(missing, 'is required when the other admin variable is set');
  }
  return {
    adminEmail: values.HELPDESK_ADMIN_EMAIL,
    adminPassword: values.HELPDESK_ADMIN_PASSWORD,
    autoCloseAfterMinutes: values.TICKET_AUTO_CLOSE_AFTER_MINUTES,
    autoCloseIntervalMs: values.TICKET_AUTO_CLOSE_INTERVAL_MS,
    presenceTtlSeconds: values.TICKET_PRESENCE_TTL_SECONDS,
    csatSurveyTtlSeconds: values.CSAT_SURVEY_TTL_SECONDS,
    agentTicketAccess: values.TICKET_AGENT_ACCESS,
    routingRulesCacheMs: values.ROUTING_RULES_CACHE_MS,
    customFieldsCacheMs: values.CUSTOM_FIELDS_CACHE_MS,
    duplicateWindowMinutes: values.DUPLICATE_WINDOW_MINUTES,
    duplicateAction: values.DUPLICATE_ACTION,
    attachmentMaxBytes: values.ATTACHMENT_MAX_BYTES,
    searchRecentWindow: values.TICKET_SEARCH_RECENT_WINDOW,
    searchFoldDelayMs: values.TICKET_SEARCH_FOLD_DELAY_MS,
    searchFoldIntervalMs: values.TICKET_SEARCH_FOLD_INTERVAL_MS,
    channelIntakeConcurrency: values.CHANNEL_INTAKE_CONCURRENCY,
  };
}

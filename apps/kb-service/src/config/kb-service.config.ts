import { env, EnvSource, readEnv } from '@helpdesk/platform';

export interface KbServiceConfig {
  /** The locales articles may be written in; the first is the default */
  locales: string[];
  /** When an article's feedback counts as poor (the review queue) */
  review: {
    /** Votes needed before feedback can be poor */
    minVotes: number;
    /** Below this share of helpful votes (0-100), feedback is poor */
    minHelpfulPercent: number;
  };
}

export const KB_SERVICE_CONFIG = Symbol('KB_SERVICE_CONFIG');

export function readKbServiceConfig(source: EnvSource): KbServiceConfig {
  const values = readEnv(
    {
      KB_LOCALES: env.string({
        default: 'es,en',
        pattern: /^[a-z]{2}(-[A-Z]{2})?(\s*,\s*[a-z]{2}(-[A-Z]{2})?)*$/,
        describe: 'a comma-separated list of locale codes such as es,en,pt-BR',
      }),
      KB_REVIEW_MIN_VOTES: env.int({ default: 5, min: 1, max: 1_000_000 }),
      KB_REVIEW_MIN_HELPFUL_PERCENT: env.int({ default: 50, min: 1, max: 100 }),
    },
    source,
  );
  return {
    locales: [...new Set(values.KB_LOCALES.split(',').map((code) => code.trim()))],
    review: { minVotes: values.KB_REVIEW_MIN_VOTES, minHelpfulPercent: values.KB_REVIEW_MIN_HELPFUL_PERCENT },
  };
}

import { CHANNEL_SECRET_SETTING, ChannelType, FieldError } from '@helpdesk/contracts';

type Settings = Record<string, unknown>;

/** A setting's rule: its check (a message when bad) and whether it must be there. */
interface Rule {
  required?: boolean;
  check(value: unknown, all: Settings): string | null;
}

const string =
  (max: number): Rule['check'] =>
  (v) =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= max ? null : `must be a non-empty string of at most ${max} characters`;

const secret: Rule['check'] = (v) =>
  typeof v === 'string' && v.length >= 16 && v.length <= 256 ? null : 'must be a string of 16 to 256 characters';

const httpUrl: Rule['check'] = (v) => {
  if (typeof v !== 'string' || v.length > 2048) return 'must be an http(s) URL';
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http(s) URL';
  } catch {
    return 'must be an http(s) URL';
  }
};

const RULES: Record<ChannelType, Record<string, Rule>> = {
  [ChannelType.Chat]: {
    signingSecret: { required: true, check: secret },
    outboundUrl: { check: httpUrl },
  },
  [ChannelType.Cti]: {
    signingSecret: { required: true, check: secret },
  },
  [ChannelType.Email]: {
    host: {
      required: true,
      check: (v) => (typeof v === 'string' && /^[A-Za-z0-9.-]{1,253}$/.test(v) ? null : 'must be a host name or address'),
    },
    port: {
      required: true,
      check: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535 ? null : 'must be a port, 1–65535'),
    },
    tls: { required: true, check: (v) => (typeof v === 'boolean' ? null : 'must be true or false') },
    user: { required: true, check: string(254) },
    password: {
      required: true,
      check: (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 1024 ? null : 'must be a non-empty string'),
    },
    folder: { check: string(200) },
    afterImport: { check: (v) => (v === 'seen' || v === 'move' ? null : 'must be seen or move') },
    moveTo: {
      check: (v, all) => (all.afterImport === 'move' ? string(200)(v, all) : 'is only used with afterImport: move'),
    },
    /** The mailbox's address: replies go out from it, and it is never taken for a requester (default: `user`, when an address) */
    address: {
      check: (v) =>
        typeof v === 'string' && v.length <= 254 && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v) ? null : 'must be an email address',
    },
    /** The From display name of the mails sent from this mailbox */
    senderName: { check: string(100) },
  },
  [ChannelType.Twilio]: {
    accountSid: {
      required: true,
      check: (v) => (typeof v === 'string' && /^AC[0-9a-f]{32}$/.test(v) ? null : 'must be AC followed by 32 hex digits'),
    },
    authToken: { required: true, check: (v) => (typeof v === 'string' && /^[0-9a-f]{32}$/.test(v) ? null : 'must be 32 hex digits') },
    phoneNumber: { check: (v) => (typeof v === 'string' && /^\+[1-9]\d{1,14}$/.test(v) ? null : 'must be an E.164 number (+34600111222)') },
    outboundUrl: { check: httpUrl },
  },
  [ChannelType.Form]: {
    allowedOrigins: {
      check: (v) =>
        Array.isArray(v) && v.length <= 50 && v.every((o) => httpUrl(o, {}) === null && new URL(o as string).origin === o)
          ? null
          : 'must be a list of origins (https://www.example.com)',
    },
    priority: {
      check: (v) =>
        typeof v === 'string' && ['low', 'normal', 'high', 'urgent'].includes(v) ? null : 'must be low, normal, high or urgent',
    },
    teamId: {
      check: (v) =>
        typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
          ? null
          : 'must be a team id (uuid)',
    },
  },
};

/**
 * What is wrong with a channel's settings, one error per field (`settings.<name>`): unknown names,
 * missing required ones, bad values. `storedSecret` tells that the write-only secret is already
 * stored, so a change need not repeat it. Cross-field rules: `moveTo` goes with `afterImport: move`.
 */
export function validateChannelSettings(type: ChannelType, settings: Settings, storedSecret = false): FieldError[] {
  const rules = RULES[type];
  const errors: FieldError[] = [];
  const secretName = CHANNEL_SECRET_SETTING[type];
  for (const name of Object.keys(settings)) {
    if (!rules[name]) errors.push({ field: `settings.${name}`, message: `is not a setting of ${type} channels` });
  }
  for (const [name, rule] of Object.entries(rules)) {
    const value = settings[name];
    if (value === undefined || value === null) {
      const kept = name === secretName && storedSecret;
      if (rule.required && !kept) errors.push({ field: `settings.${name}`, message: 'is required' });
      continue;
    }
    const problem = rule.check(value, settings);
    if (problem) errors.push({ field: `settings.${name}`, message: problem });
  }
  if (type === ChannelType.Email && settings.afterImport === 'move' && settings.moveTo === undefined) {
    errors.push({ field: 'settings.moveTo', message: 'is required with afterImport: move' });
  }
  return errors;
}

/** The settings split into what is shown and the write-only secret (undefined: not given). */
export function splitSecret(type: ChannelType, settings: Settings): { visible: Settings; secret: string | undefined } {
  const secretName = CHANNEL_SECRET_SETTING[type];
  if (!secretName) return { visible: { ...settings }, secret: undefined };
  const { [secretName]: secretValue, ...visible } = settings;
  return { visible, secret: typeof secretValue === 'string' ? secretValue : undefined };
}

/** Where a provider posts for this channel (email is read over IMAP: none). */
export function webhookPath(type: ChannelType, id: string): string | null {
  switch (type) {
    case ChannelType.Chat:
      return `/webhooks/chat/${id}`;
    case ChannelType.Twilio:
      return `/webhooks/twilio/${id}`;
    case ChannelType.Cti:
      return `/webhooks/cti/${id}`;
    case ChannelType.Form:
      return '/webhooks/form';
    case ChannelType.Email:
      return null;
  }
}

import { ChannelType, WEBHOOK_ANY_EVENT } from '@helpdesk/contracts';

/** Whether a subscription listening to `events` receives an event of `type` (`*` takes them all). */
export function subscriptionMatches(events: readonly string[], type: string): boolean {
  return events.includes(type) || events.includes(WEBHOOK_ANY_EVENT);
}

/**
 * The transport that carries a reply back on a channel of `type`: chat and Twilio (SMS) channels POST
 * signed JSON to their `outboundUrl`; email goes by SMTP (a transport of its own, registered apart);
 * other channels take no replies.
 */
export function replyTransport(type: ChannelType): string | null {
  switch (type) {
    case ChannelType.Chat:
    case ChannelType.Twilio:
      return 'http';
    case ChannelType.Email:
      return 'smtp';
    case ChannelType.Cti:
    case ChannelType.Form:
      return null;
  }
}

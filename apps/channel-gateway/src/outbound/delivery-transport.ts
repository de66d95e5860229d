import { ChannelType } from '@helpdesk/contracts';

/** One delivery as a transport sees it, on one try. */
export interface OutboundMessage {
  deliveryId: string;
  kind: 'subscription' | 'channel_reply';
  /** `ticket.created`, `sla.breached`, `channel.reply.requested`, `ping`... */
  eventType: string;
  /** The JSON body: the event envelope (subscriptions) or the `ChannelReplyRequestedV1` envelope (channel replies) */
  payload: unknown;
  /** This try's number, from 1 */
  attempt: number;
  /** Where it goes and what signs it: a subscription's, or the channel's */
  target: {
    /** An HTTP transport's URL (a subscription's url or the channel's `outboundUrl`); null when the channel has none */
    url: string | null;
    /** Signs the body (`X-Helpdesk-Signature`); null when there is none */
    secret: string | null;
    /** The channel a reply goes back on, with its visible settings (an SMTP transport reads its server from them) */
    channel: { id: string; type: ChannelType; settings: Record<string, unknown> } | null;
  };
}

/** What became of one try. `statusCode` is the receiver's (null when none answered: a timeout, a refused connection). */
export interface DeliveryResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * A way of carrying a delivery out: the engine claims, retries, logs and gives up; a transport only
 * makes one try. `http` POSTs signed JSON (subscriptions, chat and Twilio replies); an `smtp`
 * transport for email replies registers itself under that name (see `DELIVERY_TRANSPORTS`).
 */
export interface DeliveryTransport {
  readonly name: string;
  send(message: OutboundMessage, options: { timeoutMs: number }): Promise<DeliveryResult>;
}

/** Multi-provider token: every DeliveryTransport the module provides, keyed by `name` in `DeliveryTransports`. */
export const DELIVERY_TRANSPORTS = Symbol('DELIVERY_TRANSPORTS');

/** The registered transports by name. */
export class DeliveryTransports {
  private readonly byName = new Map<string, DeliveryTransport>();

  constructor(transports: readonly DeliveryTransport[]) {
    for (const transport of transports) {
      if (this.byName.has(transport.name)) throw new Error(`Two delivery transports are named ${transport.name}`);
      this.byName.set(transport.name, transport);
    }
  }

  get(name: string): DeliveryTransport | null {
    return this.byName.get(name) ?? null;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }
}

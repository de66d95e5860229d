import { EventEnvelope } from '../events/event-envelope';
import { EVENTS } from '../subjects';
import { ChannelType } from './channel.dto';

/** A message stored in channel-gateway's inbound log, handed to ticket-service (once per message id and channel). */
export interface ChannelMessageReceivedV1 {
  /** The inbound log entry */
  inboundId: string;
  channelId: string;
  channelType: ChannelType;
  /** What kind of message a Twilio channel's is: an SMS (the default) or a voice call's callback */
  medium?: 'sms' | 'voice';
  providerMessageId: string;
  conversationId: string;
  /** `phone`: the sender's number (E.164 as the provider gives it) for SMS and calls, absent for chat */
  from: { id: string; name: string; email: string | null; phone?: string | null };
  text: string;
  attachments: { url: string; name: string | null; contentType: string | null }[];
  sentAt: string;
  receivedAt: string;
}

export type ChannelMessageReceivedEvent = EventEnvelope<ChannelMessageReceivedV1, typeof EVENTS.channel.messageReceived>;

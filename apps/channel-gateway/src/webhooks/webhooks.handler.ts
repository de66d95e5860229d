import {
  CallerLookupView,
  ChannelWebhookCommand,
  CtiLookupCommand,
  FormCorsCommand,
  FormCorsView,
  FormWebhookCommand,
  SUBJECTS,
  TwilioWebhookCommand,
  WebFormAcceptedView,
  WebhookAcceptedView,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InboundLogService } from '../inbound/inbound-log.service';

/** Webhooks the API gateway forwards over the bus (the standalone suite serves every route on one port). */
@Controller()
export class WebhooksHandler {
  constructor(private readonly inbound: InboundLogService) {}

  @MessagePattern(SUBJECTS.channel.webhookChat)
  chat(@Payload() { channelId, signature, rawBodyBase64 }: ChannelWebhookCommand): Promise<WebhookAcceptedView> {
    return this.inbound.receiveChat(channelId, signature, Buffer.from(rawBodyBase64, 'base64'));
  }

  @MessagePattern(SUBJECTS.channel.webhookTwilioSms)
  twilioSms(@Payload() { channelId, signature, rawBodyBase64, path, requestUrl }: TwilioWebhookCommand): Promise<WebhookAcceptedView> {
    return this.inbound.receiveTwilioSms(channelId, signature, Buffer.from(rawBodyBase64, 'base64'), { path, requestUrl });
  }

  @MessagePattern(SUBJECTS.channel.webhookTwilioVoice)
  twilioVoice(@Payload() { channelId, signature, rawBodyBase64, path, requestUrl }: TwilioWebhookCommand): Promise<WebhookAcceptedView> {
    return this.inbound.receiveTwilioVoice(channelId, signature, Buffer.from(rawBodyBase64, 'base64'), { path, requestUrl });
  }

  @MessagePattern(SUBJECTS.channel.webhookCti)
  cti(@Payload() { channelId, signature, rawBodyBase64 }: ChannelWebhookCommand): Promise<WebhookAcceptedView> {
    return this.inbound.receiveCti(channelId, signature, Buffer.from(rawBodyBase64, 'base64'));
  }

  @MessagePattern(SUBJECTS.channel.webhookCtiLookup)
  ctiLookup(@Payload() { channelId, signature, path, number }: CtiLookupCommand): Promise<CallerLookupView> {
    return this.inbound.lookupCaller(channelId, signature, path, number);
  }

  @MessagePattern(SUBJECTS.channel.webhookForm)
  form(@Payload() command: FormWebhookCommand): Promise<WebFormAcceptedView> {
    return this.inbound.receiveForm(command);
  }

  @MessagePattern(SUBJECTS.channel.webhookFormCors)
  async formCors(@Payload() { channelId, origin }: FormCorsCommand): Promise<FormCorsView> {
    return { allowed: await this.inbound.formOriginAllowed(channelId, origin) };
  }
}

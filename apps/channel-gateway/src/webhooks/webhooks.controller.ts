import { ErrorCode, WEBHOOK_SIGNATURE_HEADER, WebhookAcceptedView } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Controller, Headers, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InboundLogService } from '../inbound/inbound-log.service';

/**
 * `/webhooks/*` on channel-gateway's own port (distributed topology). Providers are authenticated by
 * the channel's HMAC signature over the raw body, which fastify keeps (`rawBody`) for this.
 */
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly inbound: InboundLogService) {}

  @Post('chat/:channelId')
  @HttpCode(200)
  chat(
    @Param('channelId') channelId: string,
    @Headers(WEBHOOK_SIGNATURE_HEADER) signature: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<WebhookAcceptedView> {
    return this.inbound.receiveChat(channelId, signature, jsonRawBody(request));
  }
}

/** The bytes of a JSON body as the provider signed them; any other media type is a 415. */
function jsonRawBody(request: RawBodyRequest<FastifyRequest>): Buffer {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '') || !request.rawBody) {
    throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the webhook as application/json');
  }
  return request.rawBody;
}

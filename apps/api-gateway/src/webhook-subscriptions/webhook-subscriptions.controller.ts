import {
  Actor,
  CreateWebhookSubscriptionDto,
  OutboundDeliveryView,
  Role,
  SUBJECTS,
  UpdateWebhookSubscriptionDto,
  WebhookSubscriptionView,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { invalidParam, uuidParam } from '../http/request-params';

function limitParam(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 200) throw invalidParam('limit', 'limit must be an integer from 1 to 200');
  return limit;
}

/**
 * Outbound webhook subscriptions (admins). Not to be confused with `WebhooksController`, which takes
 * the providers' inbound webhooks under `/webhooks/*`.
 */
@ApiTags('webhooks')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/webhooks')
export class WebhookSubscriptionsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Subscribe a URL to events (admins)',
    description:
      'Each matching event is POSTed to the URL as JSON (`{ id, type, version, occurredAt, aggregateId, data }`), signed with the ' +
      'subscription’s secret: `X-Helpdesk-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (the inbound webhooks’ scheme), with ' +
      '`X-Helpdesk-Event` and `X-Helpdesk-Delivery` (dedupe by it). Non-2xx answers are retried with exponential back-off. The secret is write-only.',
  })
  @ApiCreatedResponse({ type: WebhookSubscriptionView })
  create(@CurrentActor() actor: Actor, @Body() subscription: CreateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    return this.bus.request(SUBJECTS.webhook.create, { actor, subscription });
  }

  @Roles(Role.Admin)
  @Get()
  @ApiOperation({ summary: 'The webhook subscriptions, oldest first (admins)' })
  @ApiOkResponse({ type: [WebhookSubscriptionView] })
  list(@CurrentActor() actor: Actor): Promise<WebhookSubscriptionView[]> {
    return this.bus.request(SUBJECTS.webhook.list, { actor });
  }

  @Roles(Role.Admin)
  @Post('deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivered or failed delivery again (admins)',
    description: 'With a fresh budget of tries; its earlier tries stay in its log. 409 while it is still pending.',
  })
  @ApiAcceptedResponse({ type: OutboundDeliveryView })
  replay(@CurrentActor() actor: Actor, @Param('deliveryId') deliveryId: string): Promise<OutboundDeliveryView> {
    return this.bus.request(SUBJECTS.webhook.replay, { actor, deliveryId: uuidParam(deliveryId, 'deliveryId') });
  }

  @Roles(Role.Admin)
  @Get(':id')
  @ApiOperation({ summary: 'One webhook subscription, without its secret (admins)' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<WebhookSubscriptionView> {
    return this.bus.request(SUBJECTS.webhook.get, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({ summary: 'Change a webhook subscription (admins); without a new secret the stored one stays' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() changes: UpdateWebhookSubscriptionDto,
  ): Promise<WebhookSubscriptionView> {
    return this.bus.request(SUBJECTS.webhook.update, { actor, id: uuidParam(id), changes });
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook subscription and its delivery log (admins)' })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.webhook.delete, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Get(':id/deliveries')
  @ApiOperation({ summary: 'A subscription’s deliveries, newest first, each with its tries and status codes (admins)' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiOkResponse({ type: [OutboundDeliveryView] })
  deliveries(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('limit') limit?: string): Promise<OutboundDeliveryView[]> {
    return this.bus.request(SUBJECTS.webhook.deliveries, { actor, id: uuidParam(id), limit: limitParam(limit) });
  }

  @Roles(Role.Admin)
  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a `ping` event to the subscription now (admins): checks the receiver and its secret' })
  @ApiAcceptedResponse({ type: OutboundDeliveryView })
  ping(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OutboundDeliveryView> {
    return this.bus.request(SUBJECTS.webhook.ping, { actor, id: uuidParam(id) });
  }
}

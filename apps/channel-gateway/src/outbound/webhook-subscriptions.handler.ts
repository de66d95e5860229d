import {
  ActorCommand,
  CreateWebhookSubscriptionCommand,
  OutboundDeliveryView,
  SUBJECTS,
  UpdateWebhookSubscriptionCommand,
  WebhookDeliveriesCommand,
  WebhookDeliveryRefCommand,
  WebhookSubscriptionRefCommand,
  WebhookSubscriptionView,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';

/** channel.webhook-subscription.* requests. */
@Controller()
export class WebhookSubscriptionsHandler {
  constructor(private readonly subscriptions: WebhookSubscriptionsService) {}

  @MessagePattern(SUBJECTS.webhook.create)
  create(@Payload() { actor, subscription }: CreateWebhookSubscriptionCommand): Promise<WebhookSubscriptionView> {
    return this.subscriptions.create(actor, subscription);
  }

  @MessagePattern(SUBJECTS.webhook.list)
  list(@Payload() { actor }: ActorCommand): Promise<WebhookSubscriptionView[]> {
    return this.subscriptions.list(actor);
  }

  @MessagePattern(SUBJECTS.webhook.get)
  get(@Payload() { actor, id }: WebhookSubscriptionRefCommand): Promise<WebhookSubscriptionView> {
    return this.subscriptions.get(actor, id);
  }

  @MessagePattern(SUBJECTS.webhook.update)
  update(@Payload() { actor, id, changes }: UpdateWebhookSubscriptionCommand): Promise<WebhookSubscriptionView> {
    return this.subscriptions.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.webhook.delete)
  async delete(@Payload() { actor, id }: WebhookSubscriptionRefCommand): Promise<{ deleted: true }> {
    await this.subscriptions.delete(actor, id);
    return { deleted: true };
  }

  @MessagePattern(SUBJECTS.webhook.deliveries)
  deliveries(@Payload() { actor, id, limit }: WebhookDeliveriesCommand): Promise<OutboundDeliveryView[]> {
    return this.subscriptions.deliveries(actor, id, limit);
  }

  @MessagePattern(SUBJECTS.webhook.replay)
  replay(@Payload() { actor, deliveryId }: WebhookDeliveryRefCommand): Promise<OutboundDeliveryView> {
    return this.subscriptions.replay(actor, deliveryId);
  }

  @MessagePattern(SUBJECTS.webhook.ping)
  ping(@Payload() { actor, id }: WebhookSubscriptionRefCommand): Promise<OutboundDeliveryView> {
    return this.subscriptions.ping(actor, id);
  }
}

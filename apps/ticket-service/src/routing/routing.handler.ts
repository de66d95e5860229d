import {
  ActorCommand,
  CreateRoutingRuleCommand,
  RoutingRuleRefCommand,
  RoutingRuleView,
  SUBJECTS,
  UpdateRoutingRuleCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RoutingService } from './routing.service';

/** ticket.routing.rule.* requests. */
@Controller()
export class RoutingHandler {
  constructor(private readonly routing: RoutingService) {}

  @MessagePattern(SUBJECTS.ticket.routingRuleCreate)
  create(@Payload() { actor, rule }: CreateRoutingRuleCommand): Promise<RoutingRuleView> {
    return this.routing.create(actor, rule);
  }

  @MessagePattern(SUBJECTS.ticket.routingRuleList)
  list(@Payload() { actor }: ActorCommand): Promise<RoutingRuleView[]> {
    return this.routing.list(actor);
  }

  @MessagePattern(SUBJECTS.ticket.routingRuleGet)
  get(@Payload() { actor, id }: RoutingRuleRefCommand): Promise<RoutingRuleView> {
    return this.routing.get(actor, id);
  }

  @MessagePattern(SUBJECTS.ticket.routingRuleUpdate)
  update(@Payload() { actor, id, changes }: UpdateRoutingRuleCommand): Promise<RoutingRuleView> {
    return this.routing.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.ticket.routingRuleDelete)
  async delete(@Payload() { actor, id }: RoutingRuleRefCommand): Promise<{ deleted: true }> {
    await this.routing.delete(actor, id);
    return { deleted: true };
  }
}

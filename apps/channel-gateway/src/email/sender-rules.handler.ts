import { ActorCommand, CreateEmailSenderRuleCommand, EmailSenderRuleRefCommand, EmailSenderRuleView, SUBJECTS } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SenderRulesService } from './sender-rules.service';

/** channel.sender-rule.* requests. */
@Controller()
export class SenderRulesHandler {
  constructor(private readonly rules: SenderRulesService) {}

  @MessagePattern(SUBJECTS.channel.senderRuleCreate)
  create(@Payload() { actor, rule }: CreateEmailSenderRuleCommand): Promise<EmailSenderRuleView> {
    return this.rules.create(actor, rule);
  }

  @MessagePattern(SUBJECTS.channel.senderRuleList)
  list(@Payload() { actor }: ActorCommand): Promise<EmailSenderRuleView[]> {
    return this.rules.list(actor);
  }

  @MessagePattern(SUBJECTS.channel.senderRuleDelete)
  async delete(@Payload() { actor, id }: EmailSenderRuleRefCommand): Promise<{ deleted: true }> {
    await this.rules.delete(actor, id);
    return { deleted: true };
  }
}

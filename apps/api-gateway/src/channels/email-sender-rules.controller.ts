import { Actor, CreateEmailSenderRuleDto, EmailSenderRuleView, Role, SUBJECTS } from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

@ApiTags('channels')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/channels/email-sender-rules')
export class EmailSenderRulesController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Override the automated-mail verdict for a sender (admins)',
    description:
      'Mail with Auto-Submitted, X-Autoreply, Precedence bulk/junk, List-* headers and the like never opens a ticket. ' +
      'A `person` rule lets a sender that mislabels human mail through; an `automated` rule stops one that does not label itself. 409 if the sender has a rule.',
  })
  @ApiCreatedResponse({ type: EmailSenderRuleView })
  create(@CurrentActor() actor: Actor, @Body() rule: CreateEmailSenderRuleDto): Promise<EmailSenderRuleView> {
    return this.bus.request(SUBJECTS.channel.senderRuleCreate, { actor, rule });
  }

  @Roles(Role.Admin)
  @Get()
  @ApiOperation({ summary: 'The email sender rules, by sender (admins)' })
  @ApiOkResponse({ type: [EmailSenderRuleView] })
  list(@CurrentActor() actor: Actor): Promise<EmailSenderRuleView[]> {
    return this.bus.request(SUBJECTS.channel.senderRuleList, { actor });
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an email sender rule (admins): the sender’s headers decide again' })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.channel.senderRuleDelete, { actor, id: uuidParam(id) });
  }
}

import { Actor, ChannelView, CreateChannelDto, Role, SUBJECTS, UpdateChannelDto } from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

@ApiTags('channels')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/channels')
export class ChannelsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({
    summary: 'Configure a channel (admins)',
    description:
      'A mailbox, chat platform, Twilio account, PBX (CTI) or web form. Settings are checked per type (400 on `settings.<name>`); ' +
      'the secret (password, auth token or signing secret) is write-only: views answer `hasSecret`. The id names the channel in its webhook URL.',
  })
  @ApiCreatedResponse({ type: ChannelView })
  create(@CurrentActor() actor: Actor, @Body() channel: CreateChannelDto): Promise<ChannelView> {
    return this.bus.request(SUBJECTS.channel.create, { actor, channel });
  }

  @Roles(Role.Admin)
  @Get()
  @ApiOperation({ summary: 'The channels, by name (admins)' })
  @ApiOkResponse({ type: [ChannelView] })
  list(@CurrentActor() actor: Actor): Promise<ChannelView[]> {
    return this.bus.request(SUBJECTS.channel.list, { actor });
  }

  @Roles(Role.Admin)
  @Get(':id')
  @ApiOperation({ summary: 'One channel, without its secret (admins)' })
  @ApiOkResponse({ type: ChannelView })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ChannelView> {
    return this.bus.request(SUBJECTS.channel.get, { actor, id: uuidParam(id) });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a channel (admins)',
    description:
      'Settings are merged name by name with the stored ones and checked as a whole; without a new secret the stored one stays. The type is permanent.',
  })
  @ApiOkResponse({ type: ChannelView })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateChannelDto): Promise<ChannelView> {
    return this.bus.request(SUBJECTS.channel.update, { actor, id: uuidParam(id), changes });
  }

  @Roles(Role.Admin)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel and its inbound log (admins); its webhooks answer 404 from then on' })
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.channel.delete, { actor, id: uuidParam(id) });
  }
}

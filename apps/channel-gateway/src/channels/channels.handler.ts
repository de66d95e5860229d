import { ActorCommand, ChannelRefCommand, ChannelView, CreateChannelCommand, SUBJECTS, UpdateChannelCommand } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChannelsService } from './channels.service';

/** channel.config.* requests. */
@Controller()
export class ChannelsHandler {
  constructor(private readonly channels: ChannelsService) {}

  @MessagePattern(SUBJECTS.channel.create)
  create(@Payload() { actor, channel }: CreateChannelCommand): Promise<ChannelView> {
    return this.channels.create(actor, channel);
  }

  @MessagePattern(SUBJECTS.channel.list)
  list(@Payload() { actor }: ActorCommand): Promise<ChannelView[]> {
    return this.channels.list(actor);
  }

  @MessagePattern(SUBJECTS.channel.get)
  get(@Payload() { actor, id }: ChannelRefCommand): Promise<ChannelView> {
    return this.channels.get(actor, id);
  }

  @MessagePattern(SUBJECTS.channel.update)
  update(@Payload() { actor, id, changes }: UpdateChannelCommand): Promise<ChannelView> {
    return this.channels.update(actor, id, changes);
  }

  @MessagePattern(SUBJECTS.channel.delete)
  async delete(@Payload() { actor, id }: ChannelRefCommand): Promise<{ deleted: true }> {
    await this.channels.delete(actor, id);
    return { deleted: true };
  }
}

import {
  ActorCommand,
  CreateViewCommand,
  Page,
  SUBJECTS,
  TicketView,
  UpdateViewCommand,
  ViewRefCommand,
  ViewTicketsCommand,
  ViewView,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ViewsService } from './views.service';

/** ticket.view.* requests: validated by the global pipe, handled by ViewsService. */
@Controller()
export class ViewsHandler {
  constructor(private readonly views: ViewsService) {}

  @MessagePattern(SUBJECTS.ticket.viewList)
  list(@Payload() { actor }: ActorCommand): Promise<ViewView[]> {
    return this.views.list(actor);
  }

  @MessagePattern(SUBJECTS.ticket.viewGet)
  get(@Payload() { actor, viewId }: ViewRefCommand): Promise<ViewView> {
    return this.views.get(actor, viewId);
  }

  @MessagePattern(SUBJECTS.ticket.viewTickets)
  tickets(@Payload() { actor, viewId, page }: ViewTicketsCommand): Promise<Page<TicketView>> {
    return this.views.tickets(actor, viewId, page);
  }

  @MessagePattern(SUBJECTS.ticket.viewCreate)
  create(@Payload() { actor, view }: CreateViewCommand): Promise<ViewView> {
    return this.views.create(actor, view);
  }

  @MessagePattern(SUBJECTS.ticket.viewUpdate)
  update(@Payload() { actor, viewId, changes }: UpdateViewCommand): Promise<ViewView> {
    return this.views.update(actor, viewId, changes);
  }

  @MessagePattern(SUBJECTS.ticket.viewDelete)
  async delete(@Payload() { actor, viewId }: ViewRefCommand): Promise<{ deleted: true }> {
    await this.views.delete(actor, viewId);
    return { deleted: true };
  }
}

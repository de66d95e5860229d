import {
  AbortAttachmentCommand,
  AttachmentChunkCommand,
  AttachmentContentView,
  AttachmentUploadView,
  AttachmentView,
  BeginAttachmentCommand,
  CompleteAttachmentCommand,
  ReadAttachmentCommand,
  SUBJECTS,
  TicketRefCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TicketsService } from '../tickets/tickets.service';
import { AttachmentsService } from './attachments.service';

/** ticket.attachment.* requests: the ticket's visibility is checked first, the rest is AttachmentsService's. */
@Controller()
export class AttachmentsHandler {
  constructor(
    private readonly tickets: TicketsService,
    private readonly attachments: AttachmentsService,
  ) {}

  @MessagePattern(SUBJECTS.ticket.attachmentBegin)
  async begin(@Payload() { actor, ticketId }: BeginAttachmentCommand): Promise<AttachmentUploadView> {
    return this.attachments.begin(actor, await this.tickets.visible(actor, ticketId));
  }

  @MessagePattern(SUBJECTS.ticket.attachmentChunk)
  chunk(@Payload() command: AttachmentChunkCommand): Promise<{ received: number }> {
    return this.attachments.addChunk(command);
  }

  @MessagePattern(SUBJECTS.ticket.attachmentComplete)
  complete(@Payload() command: CompleteAttachmentCommand): Promise<AttachmentView> {
    return this.attachments.complete(command);
  }

  @MessagePattern(SUBJECTS.ticket.attachmentAbort)
  abort(@Payload() command: AbortAttachmentCommand): Promise<{ aborted: boolean }> {
    return this.attachments.abort(command);
  }

  @MessagePattern(SUBJECTS.ticket.attachmentList)
  async list(@Payload() { actor, ticketId }: TicketRefCommand): Promise<AttachmentView[]> {
    return this.attachments.list(actor, await this.tickets.visible(actor, ticketId));
  }

  @MessagePattern(SUBJECTS.ticket.attachmentRead)
  async read(@Payload() { actor, ticketId, attachmentId, idx }: ReadAttachmentCommand): Promise<AttachmentContentView> {
    return this.attachments.read(actor, await this.tickets.visible(actor, ticketId), attachmentId, idx);
  }
}

import {
  CreateKbTicketLinkCommand,
  DeleteKbTicketLinkCommand,
  KbArticleTicketPageView,
  KbTicketLinkReply,
  KbTicketLinksOfArticleCommand,
  KbTicketLinksOfTicketCommand,
  KbTicketLinkView,
  SUBJECTS,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LinksService } from './links.service';

/** kb.ticket-link.* requests. */
@Controller()
export class LinksHandler {
  constructor(private readonly links: LinksService) {}

  @MessagePattern(SUBJECTS.kb.ticketLinkCreate)
  create(@Payload() { actor, articleId, ticketId }: CreateKbTicketLinkCommand): Promise<KbTicketLinkReply> {
    return this.links.link(actor, articleId, ticketId);
  }

  @MessagePattern(SUBJECTS.kb.ticketLinkDelete)
  async delete(@Payload() { actor, articleId, ticketId }: DeleteKbTicketLinkCommand): Promise<{ deleted: true }> {
    await this.links.unlink(actor, articleId, ticketId);
    return { deleted: true };
  }

  @MessagePattern(SUBJECTS.kb.ticketLinksOfTicket)
  ofTicket(@Payload() { actor, ticketId }: KbTicketLinksOfTicketCommand): Promise<KbTicketLinkView[]> {
    return this.links.ofTicket(actor, ticketId);
  }

  @MessagePattern(SUBJECTS.kb.ticketLinksOfArticle)
  ofArticle(@Payload() { actor, articleId, query }: KbTicketLinksOfArticleCommand): Promise<KbArticleTicketPageView> {
    return this.links.ofArticle(actor, articleId, query);
  }
}

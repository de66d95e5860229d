import { CsatRequestedEvent, EVENTS } from '@helpdesk/contracts';
import { EventInbox } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DeliveryTransports } from '../../outbound/delivery-transport';
import { OutboundSender } from '../../outbound/outbound-sender';
import { EmailOutbox } from './email-outbox';

const CONSUMER = 'channel.csat-mail';

/**
 * A solved ticket's satisfaction survey, mailed to its requester when the ticket came by email
 * (SMTP set, and a survey page configured in CSAT_URL_TEMPLATE).
 */
@Controller()
export class CsatMailConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly mail: EmailOutbox,
    private readonly transports: DeliveryTransports,
    private readonly sender: OutboundSender,
  ) {}

  @EventPattern(EVENTS.csat.requested)
  async onCsatRequested(@Payload() event: CsatRequestedEvent): Promise<void> {
    const survey = event.data;
    let made = 0;
    await this.inbox.process(CONSUMER, event, async (tx) => {
      if (!this.transports.has('smtp') || !survey.requester?.email) return;
      const channel = await this.mail.channelOfTicket(tx, survey.ticketId);
      if (!channel) return;
      const delivery = await this.mail.csat(
        tx,
        channel,
        { id: survey.ticketId, number: survey.ticketNumber, subject: survey.subject ?? '' },
        { email: survey.requester.email, name: survey.requester.name, locale: survey.requester.locale },
        survey.token,
        event.id,
      );
      made = delivery ? await this.sender.enqueue(tx.manager, [delivery]) : 0;
    });
    if (made) this.sender.nudge();
  }
}

import { ListNotificationsCommand, NotificationView, Page, ReadNotificationCommand, SUBJECTS } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationsService } from './notifications.service';

/** ticket.notification.* requests: validated by the global pipe, handled by NotificationsService. */
@Controller()
export class NotificationsHandler {
  constructor(private readonly notifications: NotificationsService) {}

  @MessagePattern(SUBJECTS.ticket.notificationList)
  list(@Payload() { actor, query }: ListNotificationsCommand): Promise<Page<NotificationView>> {
    return this.notifications.list(actor, query);
  }

  @MessagePattern(SUBJECTS.ticket.notificationRead)
  async read(@Payload() { actor, notificationId }: ReadNotificationCommand): Promise<{ read: true }> {
    await this.notifications.markRead(actor, notificationId);
    return { read: true };
  }
}

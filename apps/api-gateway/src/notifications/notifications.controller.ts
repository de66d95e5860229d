import {
  Actor,
  ListNotificationsQuery,
  NotificationPageView,
  NotificationView,
  Page,
  Role,
  STAFF_ROLES,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, Roles } from '@helpdesk/platform';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { uuidParam } from '../http/request-params';

/** The caller's own in-app notifications (SLA warnings and escalations). */
@ApiTags('notifications')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...STAFF_ROLES, Role.Customer)
  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first (`unread=true`: only those not read yet)' })
  @ApiOkResponse({ type: NotificationPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    return this.bus.request<Page<NotificationView>>(SUBJECTS.ticket.notificationList, { actor, query });
  }

  @Roles(...STAFF_ROLES, Role.Customer)
  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of your notifications read (again: no change)' })
  @ApiNoContentResponse({ description: 'Read' })
  @ApiNotFoundResponse({ description: 'No such notification of yours' })
  async read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(SUBJECTS.ticket.notificationRead, { actor, notificationId: uuidParam(id) });
  }
}

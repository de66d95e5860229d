import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ActorCommand } from '../common/command';
import { PageQuery } from '../common/page';

/** What an in-app notification is about. */
export const NOTIFICATION_KINDS = ['sla_warning', 'sla_escalated'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export class NotificationView {
  @ApiProperty({ format: 'uuid', example: '9c1f6a0e-2b7d-4f5e-8a3c-1d2e3f4a5b6c' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'sla_warning' }) kind: NotificationKind;
  @ApiProperty({ format: 'uuid', example: '0b3c9b52-2f0e-4a55-a1a8-8d1f2c3e4b5a' }) ticketId: string;
  @ApiProperty({ example: 'HD-000123' }) ticketNumber: string;
  @ApiProperty({ example: 'La impresora del piso 3 no imprime' }) ticketSubject: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { clock: 'resolution', dueAt: '2026-11-24T12:00:00.000Z', warningPercent: 75 },
    description: 'sla_warning: clock, dueAt, warningPercent; sla_escalated: clock, level, breachedAt',
  })
  payload: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: '2026-11-24T11:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null, description: 'null while unread' }) readAt:
    string | null;
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) data: NotificationView[];
  @ApiProperty({ example: 'eyJzZXEiOiIxMjMifQ', nullable: true, type: String }) nextCursor: string | null;
}

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: true, description: 'Only the notifications not read yet' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class ListNotificationsCommand extends ActorCommand {
  @IsObject()
  @ValidateNested()
  @Type(() => ListNotificationsQuery)
  query: ListNotificationsQuery;
}

export class ReadNotificationCommand extends ActorCommand {
  @IsUUID()
  notificationId: string;
}

import {
  ActorCommand,
  CalendarRefCommand,
  CalendarView,
  CreateCalendarCommand,
  SUBJECTS,
  UpdateCalendarCommand,
} from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CalendarsService } from './calendars.service';

/** sla.calendar.* requests. */
@Controller()
export class CalendarsHandler {
  constructor(private readonly calendars: CalendarsService) {}

  @MessagePattern(SUBJECTS.sla.calendarCreate)
  create(@Payload() { actor, calendar }: CreateCalendarCommand): Promise<CalendarView> {
    return this.calendars.create(actor, calendar);
  }

  @MessagePattern(SUBJECTS.sla.calendarList)
  list(@Payload() { actor }: ActorCommand): Promise<CalendarView[]> {
    return this.calendars.list(actor);
  }

  @MessagePattern(SUBJECTS.sla.calendarGet)
  get(@Payload() { actor, id }: CalendarRefCommand): Promise<CalendarView> {
    return this.calendars.get(actor, id);
  }

  @MessagePattern(SUBJECTS.sla.calendarUpdate)
  update(@Payload() { actor, id, changes, expectedVersion }: UpdateCalendarCommand): Promise<CalendarView> {
    return this.calendars.update(actor, id, changes, expectedVersion);
  }

  @MessagePattern(SUBJECTS.sla.calendarDelete)
  async delete(@Payload() { actor, id }: CalendarRefCommand): Promise<{ deleted: true }> {
    await this.calendars.delete(actor, id);
    return { deleted: true };
  }
}

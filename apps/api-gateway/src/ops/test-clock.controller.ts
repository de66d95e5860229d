import { Actor, opsSubjects, Role, SetTestClockDto, TestClockView } from '@helpdesk/contracts';
import { BusClient, currentTime, Roles, setClockOffset } from '@helpdesk/platform';
import { Body, Controller, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SERVICES_WITH_EVENTS } from './parked-events.controller';

/**
 * PUT /api/v1/admin/test-clock: moves the clock of every app ahead of the system time, so that
 * end-to-end tests reach SLA warnings, breaches and escalations without sleeping. It exists only
 * where TEST_CLOCK=true (the module leaves it out otherwise: 404) and is left out of the API docs.
 */
@ApiExcludeController()
@Controller('api/v1/admin/test-clock')
export class TestClockController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin)
  @Put()
  async set(@CurrentActor() actor: Actor, @Body() body: SetTestClockDto): Promise<TestClockView> {
    setClockOffset(body.offsetMs);
    await Promise.all(
      SERVICES_WITH_EVENTS.map((service) => this.bus.request(opsSubjects(service).clockSet, { actor, offsetMs: body.offsetMs })),
    );
    return { offsetMs: body.offsetMs, now: currentTime().toISOString() };
  }
}

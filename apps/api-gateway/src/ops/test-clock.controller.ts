import { SetTestClockDto, TestClockView, Role } from '@helpdesk/contracts';
import { currentTime, Roles, setClockOffset } from '@helpdesk/platform';
import { Body, Controller, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/**
 * PUT /api/v1/admin/test-clock: moves the suite's clock ahead of the system time, so that
 * end-to-end tests reach SLA warnings, breaches and escalations without sleeping. The apps of a
 * standalone suite share the process's clock; those of a distributed test share TEST_CLOCK_FILE.
 * It exists only where TEST_CLOCK=true (the module leaves it out otherwise: 404) and is left out
 * of the API docs.
 */
@ApiExcludeController()
@Controller('api/v1/admin/test-clock')
export class TestClockController {
  @Roles(Role.Admin)
  @Put()
  set(@Body() body: SetTestClockDto): TestClockView {
    const offsetMs = setClockOffset(body.offsetMs);
    return { offsetMs, now: currentTime().toISOString() };
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators';
import { HealthService } from './health.service';

@Public()
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(private readonly healthService: HealthService) {}

  /** The process is alive (no dependency is checked). */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The app can serve: database and bus reachable. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.healthService.ready();
  }
}

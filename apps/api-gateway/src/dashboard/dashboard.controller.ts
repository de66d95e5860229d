import { Public } from '@helpdesk/platform';
import { Controller, Get, Inject, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DASHBOARD_CSP, DashboardFile, DashboardFiles } from './dashboard-files';

export const DASHBOARD_FILES = Symbol('DASHBOARD_FILES');

/**
 * The managers' dashboard: static files only (the page asks /api/v1/reports/summary for its data
 * with the reader's token), so the routes are public and sent with a strict Content-Security-Policy.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(DASHBOARD_FILES) private readonly files: DashboardFiles) {}

  @Get()
  page(@Res() reply: FastifyReply): void {
    this.send(reply, this.files.get(''));
  }

  @Get('dashboard.css')
  styles(@Res() reply: FastifyReply): void {
    this.send(reply, this.files.get('dashboard.css'));
  }

  @Get('dashboard.js')
  script(@Res() reply: FastifyReply): void {
    this.send(reply, this.files.get('dashboard.js'));
  }

  @Get('vendor/chart.umd.js')
  chartJs(@Res() reply: FastifyReply): void {
    this.send(reply, this.files.get('vendor/chart.umd.js'));
  }

  private send(reply: FastifyReply, file: DashboardFile | undefined): void {
    if (!file) throw new NotFoundException();
    void reply
      .header('Content-Type', file.contentType)
      .header('Content-Security-Policy', DASHBOARD_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-cache')
      .send(file.body);
  }
}

import {
  Caller,
  ExportDailyStatsQuery,
  ExportPageView,
  ExportPeriodQuery,
  IncrementalExportQuery,
  IncrementalTicketsView,
  Role,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, Roles, Scopes } from '@helpdesk/platform';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator';
import { AcceptsApiKeyInQuery } from '../auth/api-key-query.decorator';
import { CurrentCaller } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { attachmentDisposition } from '../http/download';
import { csvPages } from './csv';

const CSV_FORMAT =
  'UTF-8 with a byte order mark (Excel needs it; `bom=false` leaves it out), a header row, RFC 4180 quoting (fields with a comma, quote, CR or LF in double quotes, quotes doubled), CRLF line ends, instants in ISO 8601 UTC, empty fields for nulls. docs/reporting.md lists the columns.';
const STREAMING =
  'Streamed page by page from reporting-service, so any period can be exported: bad parameters answer 400 problem+json before the first byte; a failure after it cuts the download short (the file then lacks its last line ending).';

/** Exports for BI tools and spreadsheets: CSV streamed page by page, and a cursor-based incremental feed. */
@ApiTags('reports')
@ApiProblems()
@ApiBearerAuth()
@ApiKeyAuth({ query: true })
@Controller('api/v1/reports/export')
export class ReportExportsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(Role.Admin, Role.Supervisor)
  @Scopes('reports:read')
  @AcceptsApiKeyInQuery()
  @Get('tickets.csv')
  @ApiOperation({
    summary: 'Ticket facts created in a period, as CSV (one row per ticket)',
    description: `Tickets created in [from, to), days in REPORTING_TIME_ZONE, ordered by creation. ${CSV_FORMAT} ${STREAMING}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string', example: 'ticketId,number,subject,...\r\n' } })
  async ticketsCsv(@CurrentCaller() actor: Caller, @Query() query: ExportPeriodQuery, @Res() reply: FastifyReply): Promise<void> {
    const { from, to } = query;
    await this.streamCsv(reply, `tickets-${from}-${to}.csv`, query.bom !== false, (cursor) =>
      this.bus.request<ExportPageView>(SUBJECTS.report.exportTicketsPage, { actor, from, to, ...(cursor ? { cursor } : {}) }),
    );
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Scopes('reports:read')
  @AcceptsApiKeyInQuery()
  @Get('daily-stats.csv')
  @ApiOperation({
    summary: 'Daily statistics of one grouping over a period, as CSV (one row per day and key)',
    description: `The counters kept per day for the whole helpdesk (dim=all) or per team, agent, channel, priority or organization, with the median and p90 of each duration (minutes, from the day's histograms). ${CSV_FORMAT} ${STREAMING}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string', example: 'day,dim,key,created,solved,...\r\n' } })
  async dailyStatsCsv(@CurrentCaller() actor: Caller, @Query() query: ExportDailyStatsQuery, @Res() reply: FastifyReply): Promise<void> {
    const { from, to } = query;
    const dim = query.dim ?? 'all';
    await this.streamCsv(reply, `daily-stats-${dim}-${from}-${to}.csv`, query.bom !== false, (cursor) =>
      this.bus.request<ExportPageView>(SUBJECTS.report.exportDailyStatsPage, { actor, from, to, dim, ...(cursor ? { cursor } : {}) }),
    );
  }

  @Roles(Role.Admin, Role.Supervisor)
  @Scopes('reports:read')
  @AcceptsApiKeyInQuery()
  @Get('tickets/incremental')
  @ApiOperation({
    summary: 'Ticket facts changed since an instant or a cursor, in change order (incremental export)',
    description:
      'Start with `updatedSince`; then pass each reply’s `nextCursor` until `endOfStream` is true, keep the last cursor, and poll with it later for what changed since. A ticket changed again moves to the end of the stream. At most 1000 facts per page.',
  })
  @ApiOkResponse({ type: IncrementalTicketsView })
  incremental(@CurrentCaller() actor: Caller, @Query() query: IncrementalExportQuery): Promise<IncrementalTicketsView> {
    return this.bus.request<IncrementalTicketsView>(SUBJECTS.report.exportTicketsIncremental, { actor, ...query });
  }

  /**
   * Fetches the first page before answering (so errors are still problem+json), then writes each
   * page as it arrives: the next is asked for only when the response has taken the last one.
   */
  private async streamCsv(
    reply: FastifyReply,
    filename: string,
    bom: boolean,
    fetchPage: (cursor: string | null) => Promise<ExportPageView>,
  ): Promise<void> {
    const first = await fetchPage(null);
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', attachmentDisposition(filename))
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff');
    await reply.send(Readable.from(csvPages(first, fetchPage, bom), { objectMode: false }));
  }
}

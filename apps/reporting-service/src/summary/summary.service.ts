import { ErrorCode, SummaryRequest, SummaryView } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mayReadReports } from './report-access';

/** KPIs over the read models. The foundation figure is ticketsCreated; the reporting issue adds the rest. */
@Injectable()
export class SummaryService {
  constructor(private readonly dataSource: DataSource) {}

  async summary({ actor, query }: SummaryRequest): Promise<SummaryView> {
    if (!mayReadReports(actor)) throw new DomainError(ErrorCode.Forbidden, 'Reports are for staff and API keys with reports:read');
    if (query.from && query.to && new Date(query.from) >= new Date(query.to)) {
      throw new DomainError(ErrorCode.ValidationFailed, '`from` must be before `to`', {
        errors: [{ field: 'from', message: 'from must be before to' }],
      });
    }
    const [row]: { created: string }[] = await this.dataSource.query(
      `SELECT count(*) AS created FROM "reporting"."ticket_facts"
        WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)`,
      [query.from ?? null, query.to ?? null],
    );
    return { from: query.from ?? null, to: query.to ?? null, ticketsCreated: Number(row.created) };
  }
}

import { IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { CallerCommand } from '../common/command';

/** The entity sets of the OData feed at /odata. */
export const ODATA_ENTITY_SETS = ['TicketFacts', 'DailyStats', 'Teams', 'Agents'] as const;
export type ODataEntitySet = (typeof ODATA_ENTITY_SETS)[number];

/** Rows per page of the feed at most (`Prefer: odata.maxpagesize` may ask for fewer). */
export const ODATA_MAX_PAGE_SIZE = 1000;

/** One read of an entity set: the system query options as the client sent them ($filter, $select, ...). */
export class ODataQueryRequest extends CallerCommand {
  @IsIn(ODATA_ENTITY_SETS)
  entitySet: ODataEntitySet;

  /** `$filter`, `$select`, `$orderby`, `$top`, `$skip`, `$count`, `$skiptoken`, `$format` as raw strings (validated by the service). */
  @IsObject()
  options: Record<string, string>;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ODATA_MAX_PAGE_SIZE)
  maxPageSize?: number;
}

/** A page of an entity set; `nextSkipToken` is where the next page starts (null: the last page). */
export class ODataPageView {
  value: Record<string, unknown>[];
  count: number | null;
  nextSkipToken: string | null;
}

export class ODataMetadataRequest extends CallerCommand {}

import { COUNTERS, HISTOGRAMS } from '../read-models/contributions';

/** The entity model of the OData feed: entity types, their properties and the columns behind them. */

export type EdmType =
  | 'Edm.Guid'
  | 'Edm.String'
  | 'Edm.Int32'
  | 'Edm.Int64'
  | 'Edm.Decimal'
  | 'Edm.Double'
  | 'Edm.Boolean'
  | 'Edm.Date'
  | 'Edm.DateTimeOffset'
  | 'Collection(Edm.String)';

export interface PropertyDef {
  name: string;
  type: EdmType;
  nullable: boolean;
  /** The SQL column (quoted identifier) for sets served from SQL; absent for values computed after reading. */
  column?: string;
}

export interface EntityDef {
  set: string;
  type: string;
  key: string[];
  properties: PropertyDef[];
  description: string;
}

export const NAMESPACE = 'Helpdesk.Reporting';

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
export const pascal = (snakeName: string) => snakeName.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
export const camel = (name: string) => name[0].toLowerCase() + name.slice(1);

const col = (name: string, type: EdmType, nullable = true, column = snake(name)): PropertyDef => ({
  name,
  type,
  nullable,
  column: `"${column}"`,
});

export const TICKET_FACTS: EntityDef = {
  set: 'TicketFacts',
  type: 'TicketFact',
  key: ['TicketId'],
  description: 'One row per ticket (reporting.ticket_facts); durations in minutes, instants in UTC',
  properties: [
    col('TicketId', 'Edm.Guid', false),
    col('Number', 'Edm.String'),
    col('Subject', 'Edm.String'),
    col('Status', 'Edm.String'),
    col('Priority', 'Edm.String'),
    col('Channel', 'Edm.String'),
    col('Type', 'Edm.String'),
    col('Tier', 'Edm.Int32'),
    col('TeamId', 'Edm.Guid'),
    col('AssigneeId', 'Edm.Guid'),
    col('OrganizationId', 'Edm.Guid'),
    col('RequesterId', 'Edm.Guid'),
    col('CreatedAt', 'Edm.DateTimeOffset'),
    col('FirstResponseAt', 'Edm.DateTimeOffset'),
    col('SolvedAt', 'Edm.DateTimeOffset'),
    col('FirstResponseMinutes', 'Edm.Decimal'),
    col('FirstResponseBusinessMinutes', 'Edm.Decimal'),
    col('ResolutionMinutes', 'Edm.Decimal'),
    col('ResolutionBusinessMinutes', 'Edm.Decimal'),
    col('Reopens', 'Edm.Int32', false),
    col('AgentReplies', 'Edm.Int32', false),
    col('Escalations', 'Edm.Int32', false),
    col('SlaEscalations', 'Edm.Int32', false),
    col('SlaBreaches', 'Edm.Int32', false),
    col('SlaFirstResponse', 'Edm.String'),
    col('SlaResolution', 'Edm.String'),
    col('CsatRating', 'Edm.String'),
    col('CsatRatedAt', 'Edm.DateTimeOffset'),
    col('Tags', 'Collection(Edm.String)', false),
    col('ChangedAt', 'Edm.DateTimeOffset', false),
    col('ChangeSeq', 'Edm.Int64', false),
  ],
};

/** Median and p90 of each duration histogram, computed per row (not filterable or sortable). */
export const HISTOGRAM_SUMMARIES: { histogram: (typeof HISTOGRAMS)[number]; median: string; p90: string }[] = [
  { histogram: 'frt_calendar', median: 'FirstResponseMedianMinutes', p90: 'FirstResponseP90Minutes' },
  { histogram: 'frt_business', median: 'FirstResponseBusinessMedianMinutes', p90: 'FirstResponseBusinessP90Minutes' },
  { histogram: 'resolution_calendar', median: 'ResolutionMedianMinutes', p90: 'ResolutionP90Minutes' },
  { histogram: 'resolution_business', median: 'ResolutionBusinessMedianMinutes', p90: 'ResolutionBusinessP90Minutes' },
];

export const DAILY_STATS: EntityDef = {
  set: 'DailyStats',
  type: 'DailyStat',
  key: ['Dim', 'Day', 'Key'],
  description:
    "Counters per day and grouping (reporting.stats, daily rows): Dim is all, team, agent, channel, priority or organization; Key the team/agent/organization id, channel or priority ('' for all and for none)",
  properties: [
    col('Dim', 'Edm.String', false),
    col('Day', 'Edm.Date', false, 'period'),
    col('Key', 'Edm.String', false),
    ...COUNTERS.map((c) => col(pascal(c), 'Edm.Int32', false, c)),
    ...HISTOGRAM_SUMMARIES.flatMap((h) => [
      { name: h.median, type: 'Edm.Double' as const, nullable: true },
      { name: h.p90, type: 'Edm.Double' as const, nullable: true },
    ]),
  ],
};

/** Served from ticket-service's directory over the bus (names for the ids in the facts). */
export const TEAMS: EntityDef = {
  set: 'Teams',
  type: 'Team',
  key: ['TeamId'],
  description: 'Teams of the directory (ticket-service), for the names behind TeamId',
  properties: [
    { name: 'TeamId', type: 'Edm.Guid', nullable: false },
    { name: 'Name', type: 'Edm.String', nullable: false },
    { name: 'Tier', type: 'Edm.Int32', nullable: false },
    { name: 'SupervisorId', type: 'Edm.Guid', nullable: true },
    { name: 'MemberCount', type: 'Edm.Int32', nullable: false },
    { name: 'CreatedAt', type: 'Edm.DateTimeOffset', nullable: false },
  ],
};

export const AGENTS: EntityDef = {
  set: 'Agents',
  type: 'Agent',
  key: ['AgentId'],
  description: 'Staff users of the directory (agents, supervisors, admins), for the names behind AssigneeId',
  properties: [
    { name: 'AgentId', type: 'Edm.Guid', nullable: false },
    { name: 'Name', type: 'Edm.String', nullable: false },
    { name: 'Email', type: 'Edm.String', nullable: false },
    { name: 'Role', type: 'Edm.String', nullable: false },
    { name: 'Tier', type: 'Edm.Int32', nullable: true },
    { name: 'Active', type: 'Edm.Boolean', nullable: false },
    { name: 'CreatedAt', type: 'Edm.DateTimeOffset', nullable: false },
  ],
};

export const ENTITIES: Record<string, EntityDef> = Object.fromEntries([TICKET_FACTS, DAILY_STATS, TEAMS, AGENTS].map((e) => [e.set, e]));

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function propertyXml(p: PropertyDef): string {
  const facets = p.type === 'Edm.Decimal' ? ' Precision="12" Scale="2"' : p.type === 'Edm.DateTimeOffset' ? ' Precision="3"' : '';
  return `<Property Name="${p.name}" Type="${p.type}" Nullable="${p.nullable}"${facets}/>`;
}

/** The CSDL XML document served at /odata/$metadata. */
export function metadataXml(): string {
  const entities = [TICKET_FACTS, DAILY_STATS, TEAMS, AGENTS];
  const types = entities.map(
    (e) =>
      `<EntityType Name="${e.type}">` +
      `<Key>${e.key.map((k) => `<PropertyRef Name="${k}"/>`).join('')}</Key>` +
      e.properties.map(propertyXml).join('') +
      `<Annotation Term="Core.Description" String="${xml(e.description)}"/>` +
      `</EntityType>`,
  );
  const sets = entities.map((e) => `<EntitySet Name="${e.set}" EntityType="${NAMESPACE}.${e.type}"/>`);
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">' +
    '<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">' +
    '<edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>' +
    '<edmx:DataServices>' +
    `<Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">` +
    types.join('') +
    `<EntityContainer Name="Reporting">${sets.join('')}</EntityContainer>` +
    '</Schema></edmx:DataServices></edmx:Edmx>'
  );
}

import { ServiceDatabaseOptions } from '@helpdesk/platform';
import { User } from '../directory/user.entity';
import { TicketComment } from '../tickets/ticket-comment.entity';
import { TicketHistory } from '../tickets/ticket-history.entity';
import { Ticket } from '../tickets/ticket.entity';
import { InitialTicketSchema1763900000000 } from './migrations/1763900000000-InitialTicketSchema';
import { DirectoryOrganizationsTeams1763990000000 } from './migrations/1763990000000-DirectoryOrganizationsTeams';
import { TicketClassificationLifecycle1764000000000 } from './migrations/1764000000000-TicketClassificationLifecycle';
import { ProblemIncidentLinks1764010000000 } from './migrations/1764010000000-ProblemIncidentLinks';
import { RoutingRulesFollowers1764020000000 } from './migrations/1764020000000-RoutingRulesFollowers';
import { TicketPresence1764030000000 } from './migrations/1764030000000-TicketPresence';
import { CsatSurveys1764040000000 } from './migrations/1764040000000-CsatSurveys';
import { TicketMerge1764050000000 } from './migrations/1764050000000-TicketMerge';
import { PossibleDuplicates1764060000000 } from './migrations/1764060000000-PossibleDuplicates';
import { CustomFields1764065000000 } from './migrations/1764065000000-CustomFields';
import { Macros1764066000000 } from './migrations/1764066000000-Macros';
import { FirstResponse1764067000000 } from './migrations/1764067000000-FirstResponse';
import { Attachments1764070000000 } from './migrations/1764070000000-Attachments';
import { TicketSearchViews1764080000000 } from './migrations/1764080000000-TicketSearchViews';
import { TicketListIndexes1764090000000 } from './migrations/1764090000000-TicketListIndexes';
import { TicketFollowersIndex1764100000000 } from './migrations/1764100000000-TicketFollowersIndex';
import { SlaTickets1764110000000 } from './migrations/1764110000000-SlaTickets';
import { ChannelConversations1764200000000 } from './migrations/1764200000000-ChannelConversations';
import { EmailThreads1764320000000 } from './migrations/1764320000000-EmailThreads';
import { ChannelConversationType1764340000001 } from './migrations/1764340000001-ChannelConversationType';
import { ApiKeys1764400000000 } from './migrations/1764400000000-ApiKeys';
import { IncrementalCommentSearch1766100000000 } from './migrations/1766100000000-IncrementalCommentSearch';
import { FasterSearchFold1766200000000 } from './migrations/1766200000000-FasterSearchFold';
import { DeferredCommentSearch1766300000000 } from './migrations/1766300000000-DeferredCommentSearch';
import { SearchTextVectorPlpgsql1766310000000 } from './migrations/1766310000000-SearchTextVectorPlpgsql';
import { ApiKey } from '../directory/api-key.entity';
import { Notification } from '../notifications/notification.entity';
import { Organization } from '../directory/organization.entity';
import { Team } from '../directory/team.entity';
import { SavedView } from '../views/view.entity';

/** ticket-service's schema, entities and migrations (used by the app and the TypeORM CLI). */
export const TICKET_DATABASE: ServiceDatabaseOptions = {
  schema: 'ticket',
  entities: [User, Organization, Team, ApiKey, Ticket, TicketComment, TicketHistory, SavedView, Notification],
  migrations: [
    InitialTicketSchema1763900000000,
    DirectoryOrganizationsTeams1763990000000,
    TicketClassificationLifecycle1764000000000,
    ProblemIncidentLinks1764010000000,
    RoutingRulesFollowers1764020000000,
    TicketPresence1764030000000,
    CsatSurveys1764040000000,
    TicketMerge1764050000000,
    PossibleDuplicates1764060000000,
    CustomFields1764065000000,
    Macros1764066000000,
    FirstResponse1764067000000,
    Attachments1764070000000,
    TicketSearchViews1764080000000,
    TicketListIndexes1764090000000,
    TicketFollowersIndex1764100000000,
    SlaTickets1764110000000,
    ChannelConversations1764200000000,
    EmailThreads1764320000000,
    ChannelConversationType1764340000001,
    ApiKeys1764400000000,
    IncrementalCommentSearch1766100000000,
    FasterSearchFold1766200000000,
    DeferredCommentSearch1766300000000,
    SearchTextVectorPlpgsql1766310000000,
  ],
};

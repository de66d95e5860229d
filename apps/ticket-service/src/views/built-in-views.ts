import { Actor, BuiltInViewId, SLA_BREACHING_SOON_MINUTES, TicketSlaFilter, TicketSort, UNSOLVED_STATUSES } from '@helpdesk/contracts';
import { TicketCriteria } from '../search/ticket-search.service';

export interface BuiltInView {
  id: BuiltInViewId;
  name: string;
  /** The view's conditions for this caller (their id, their teams) */
  criteria(actor: Actor, teamIds: readonly string[]): TicketCriteria;
}

/**
 * Every member of staff has these, in this order. "Open" is Zendesk's "unsolved": new, open,
 * pending or on hold. "My teams" are the teams someone belongs to or supervises; the caller's
 * access scope applies on top, as on every list.
 */
export const BUILT_IN_VIEWS: readonly BuiltInView[] = [
  {
    id: BuiltInViewId.MyOpen,
    name: 'My open tickets',
    criteria: (actor) => ({ assigneeId: actor.id, statuses: UNSOLVED_STATUSES }),
  },
  {
    id: BuiltInViewId.UnassignedInMyTeams,
    name: 'Unassigned tickets in my teams',
    criteria: (_actor, teamIds) => ({ unassigned: true, teamIds, statuses: UNSOLVED_STATUSES }),
  },
  {
    id: BuiltInViewId.AllOpen,
    name: 'All open tickets',
    criteria: () => ({ statuses: UNSOLVED_STATUSES }),
  },
  {
    id: BuiltInViewId.SlaBreached,
    name: 'Open tickets that breached their SLA',
    criteria: () => ({ sla: TicketSlaFilter.Breached, statuses: UNSOLVED_STATUSES }),
  },
  {
    id: BuiltInViewId.SlaBreachingSoon,
    name: `Open tickets breaching their SLA within ${SLA_BREACHING_SOON_MINUTES} minutes`,
    criteria: () => ({ slaDueWithin: SLA_BREACHING_SOON_MINUTES, statuses: UNSOLVED_STATUSES }),
  },
];

export const BUILT_IN_SORT = TicketSort.Newest;

export function builtInView(id: string): BuiltInView | undefined {
  return BUILT_IN_VIEWS.find((view) => (view.id as string) === id);
}

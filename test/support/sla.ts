import type { TicketSlaView } from '@helpdesk/contracts';
import { bearer } from './api';
import { waitFor } from './free-port';
import type { Suite } from './suite';

const MINUTE = 60_000;

/** What SLA specs need: the test clock (suite started with TEST_CLOCK=true) and a ticket's SLA as it settles. */
export function slaTools(suite: Suite) {
  let offset = 0;
  const slaOf = async (ticketId: string): Promise<TicketSlaView> =>
    (await suite.api().get(`/api/v1/tickets/${ticketId}/sla`).set(bearer(suite.admin)).expect(200)).body as TicketSlaView;
  return {
    /** Moves every app's clock `minutes` further ahead (never back). */
    async advance(minutes: number): Promise<void> {
      offset += minutes * MINUTE;
      await suite.api().put('/api/v1/admin/test-clock').set(bearer(suite.admin)).send({ offsetMs: offset }).expect(200);
    },
    /** How far the clock has been moved, in ms. */
    offset: () => offset,
    slaOf,
    /** Waits until the ticket's SLA satisfies `ready` (the engine works from events, a moment later). */
    slaWhen: (ticketId: string, what: string, ready: (sla: TicketSlaView) => boolean): Promise<TicketSlaView> =>
      waitFor(
        what,
        async () => {
          const sla = await slaOf(ticketId);
          return ready(sla) ? sla : undefined;
        },
        10_000,
        50,
      ),
  };
}

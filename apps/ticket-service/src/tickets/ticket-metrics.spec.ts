import { TicketStatus } from '@helpdesk/contracts';
import { ticketsByStatusSamples } from './ticket-metrics';

describe(ticketsByStatusSamples.name, () => {
  it('gives every status a sample, 0 for those no ticket has', () => {
    const samples = ticketsByStatusSamples([
      { status: 'new', count: '2' },
      { status: 'solved', count: 5 },
    ]);
    expect(samples).toHaveLength(Object.values(TicketStatus).length);
    expect(samples).toEqual(
      expect.arrayContaining([
        { labels: { status: 'new' }, value: 2 },
        { labels: { status: 'solved' }, value: 5 },
        { labels: { status: 'closed' }, value: 0 },
      ]),
    );
  });
});

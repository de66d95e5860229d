import { RoutingStrategy } from '@helpdesk/contracts';
import { AgentCandidate, chooseAgent, load } from './agent-selection';

const agent = (id: string, openTickets: number, capacity: number | null = 10, extra: Partial<AgentCandidate> = {}): AgentCandidate => ({
  id,
  name: id.toUpperCase(),
  active: true,
  capacity,
  openTickets,
  skills: [],
  ...extra,
});

describe(chooseAgent.name, () => {
  const team = [agent('ana', 3), agent('ben', 1), agent('cai', 5)];

  it.each([
    ['first member when nobody was assigned yet', null, 'ana'],
    ['the member after the last assigned', 'ana', 'ben'],
    ['wrapping around after the last member', 'cai', 'ana'],
    ['the first member when the last assigned left the team', 'gone', 'ana'],
  ])('round robin takes %s', (_name, lastAssignedId, expected) => {
    expect(chooseAgent(RoutingStrategy.RoundRobin, team, { lastAssignedId }).agentId).toBe(expected);
  });

  it('round robin skips inactive members and members at capacity', () => {
    const members = [agent('ana', 0, 10, { active: false }), agent('ben', 10, 10), agent('cai', 2)];
    const choice = chooseAgent(RoutingStrategy.RoundRobin, members, { lastAssignedId: null });
    expect(choice.agentId).toBe('cai');
    expect(choice.candidates.map((c) => c.skippedBecause)).toEqual(['inactive', 'at capacity', undefined]);
  });

  it('least loaded compares open tickets against capacity', () => {
    const members = [agent('ana', 4, 20), agent('ben', 3, 5), agent('cai', 1, null)];
    expect(chooseAgent(RoutingStrategy.LeastLoaded, members).agentId).toBe('cai');
    expect(chooseAgent(RoutingStrategy.LeastLoaded, members.slice(0, 2)).agentId).toBe('ana');
  });

  it('skills requires every skill, then takes the least loaded', () => {
    const members = [
      agent('ana', 0, 10, { skills: ['sap'] }),
      agent('ben', 4, 10, { skills: ['sap', 'network'] }),
      agent('cai', 2, 10, { skills: ['network', 'sap', 'x'] }),
    ];
    const choice = chooseAgent(RoutingStrategy.Skills, members, { requiredSkills: ['sap', 'network'] });
    expect(choice.agentId).toBe('cai');
    expect(choice.candidates[0].skippedBecause).toBe('lacks network');
  });

  it('leaves the ticket in the queue when nobody fits, saying so', () => {
    const choice = chooseAgent(RoutingStrategy.LeastLoaded, [agent('ana', 10, 10)]);
    expect(choice.agentId).toBeNull();
    expect(choice.reason).toContain('nobody available');
    expect(chooseAgent(RoutingStrategy.RoundRobin, []).agentId).toBeNull();
  });

  it('explains the choice with the load', () => {
    expect(chooseAgent(RoutingStrategy.LeastLoaded, [agent('ana', 2, 8)]).reason).toBe(
      'least_loaded: ANA (2/8 open) among 1 eligible of 1',
    );
  });
});

describe(load.name, () => {
  it('is open over capacity, or over a nominal 1000 without one', () => {
    expect(load(agent('a', 5, 10))).toBe(0.5);
    expect(load(agent('a', 5, null))).toBe(0.005);
  });
});

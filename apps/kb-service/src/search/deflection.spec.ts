import { deflectionFigures } from './deflection';

describe('deflectionFigures', () => {
  it.each([
    [{ sessions: 0, empty_sessions: 0, clicked: 0, deflected: 0, ticket_created: 0 }, 0, 0],
    [{ sessions: 4, empty_sessions: 2, clicked: 2, deflected: 1, ticket_created: 1 }, 0.25, 0.5],
    [{ sessions: 3, empty_sessions: 0, clicked: 1, deflected: 1, ticket_created: 0 }, 0.3333, 0.3333],
  ])('%j → deflection %d, click-through %d', (counts, deflectionRate, clickThroughRate) => {
    expect(deflectionFigures(counts)).toMatchObject({ deflectionRate, clickThroughRate, emptySessions: counts.empty_sessions });
  });
});

import { TicketStatus } from '@helpdesk/contracts';
import { allowedTransitions, canTransition } from './ticket-status';

const { New, Open, Pending, OnHold, Solved, Closed } = TicketStatus;

/**
 * Every (from, to) pair, written out from the rules: `new` is only ever the first status (never
 * re-entered), `closed` is final, a solved ticket only reopens or closes, and the working statuses
 * (open, pending, on_hold) move freely among themselves and to solved.
 */
const TABLE: [TicketStatus, TicketStatus, boolean][] = [
  [New, New, false],
  [New, Open, true],
  [New, Pending, true],
  [New, OnHold, true],
  [New, Solved, true],
  [New, Closed, false],

  [Open, New, false],
  [Open, Open, false],
  [Open, Pending, true],
  [Open, OnHold, true],
  [Open, Solved, true],
  [Open, Closed, false],

  [Pending, New, false],
  [Pending, Open, true],
  [Pending, Pending, false],
  [Pending, OnHold, true],
  [Pending, Solved, true],
  [Pending, Closed, false],

  [OnHold, New, false],
  [OnHold, Open, true],
  [OnHold, Pending, true],
  [OnHold, OnHold, false],
  [OnHold, Solved, true],
  [OnHold, Closed, false],

  [Solved, New, false],
  [Solved, Open, true],
  [Solved, Pending, false],
  [Solved, OnHold, false],
  [Solved, Solved, false],
  [Solved, Closed, true],

  [Closed, New, false],
  [Closed, Open, false],
  [Closed, Pending, false],
  [Closed, OnHold, false],
  [Closed, Solved, false],
  [Closed, Closed, false],
];

describe(canTransition.name, () => {
  it('covers every pair of statuses', () => {
    const statuses = Object.values(TicketStatus);
    expect(TABLE).toHaveLength(statuses.length * statuses.length);
  });

  it.each(TABLE)('%s -> %s is allowed: %p', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe(allowedTransitions.name, () => {
  it.each(Object.values(TicketStatus))('lists exactly the allowed targets of %s', (from) => {
    const expected = TABLE.filter(([f, , allowed]) => f === from && allowed).map(([, to]) => to);
    expect([...allowedTransitions(from)].sort()).toEqual([...expected].sort());
  });

  it('lists nothing after closed', () => {
    expect(allowedTransitions(Closed)).toEqual([]);
  });

  it('lets a solved ticket only reopen or close', () => {
    expect([...allowedTransitions(Solved)].sort()).toEqual([Closed, Open].sort());
  });
});

import { TicketStatus, TicketType } from '@helpdesk/contracts';
import { sameValue } from './ticket-changes';
import { lifecycleTimestamps, problemLinkError, reopensOnRequesterReply, requestedFields, staffOnlyFieldsIn } from './ticket-fields';

const { New, Open, Pending, OnHold, Solved, Closed } = TicketStatus;
const now = new Date('2026-11-23T12:00:00Z');
const earlier = new Date('2026-11-20T09:00:00Z');

describe(lifecycleTimestamps.name, () => {
  it.each([
    ['solving sets solvedAt', Open, Solved, { solvedAt: null, closedAt: null }, { solvedAt: now, closedAt: null }],
    [
      'closing keeps solvedAt and sets closedAt',
      Solved,
      Closed,
      { solvedAt: earlier, closedAt: null },
      { solvedAt: earlier, closedAt: now },
    ],
    ['reopening clears solvedAt', Solved, Open, { solvedAt: earlier, closedAt: null }, { solvedAt: null, closedAt: null }],
    ['waiting on the requester has neither', New, Pending, { solvedAt: null, closedAt: null }, { solvedAt: null, closedAt: null }],
    ['on hold has neither', Open, OnHold, { solvedAt: null, closedAt: null }, { solvedAt: null, closedAt: null }],
  ])('%s', (_name, from, to, current, expected) => {
    expect(lifecycleTimestamps(from, to, now, current)).toEqual(expected);
  });
});

describe(reopensOnRequesterReply.name, () => {
  it.each([
    [New, false],
    [Open, false],
    [Pending, true],
    [OnHold, false],
    [Solved, true],
    [Closed, false],
  ])('a requester reply on a %s ticket reopens it: %s', (status, expected) => {
    expect(reopensOnRequesterReply(status)).toBe(expected);
  });
});

describe(requestedFields.name, () => {
  it('normalises a due date to UTC and keeps null as "clear"', () => {
    expect(requestedFields({ dueAt: '2030-01-02T10:00:00+01:00' }, []).dueAt).toBe('2030-01-02T09:00:00.000Z');
    expect(requestedFields({ dueAt: null }, [])).toEqual({ dueAt: null });
    expect(requestedFields({ priority: undefined }, [])).not.toHaveProperty('dueAt');
  });

  it.each([
    [{ addTags: ['b', 'c'] }, ['a', 'b'], ['a', 'b', 'c']],
    [{ removeTags: ['a', 'z'] }, ['a', 'b'], ['b']],
    [{ addTags: ['c'], removeTags: ['a'] }, ['a', 'b'], ['b', 'c']],
    [{ addTags: ['c'], removeTags: ['c'] }, ['a'], ['a']],
    [{ tags: ['x'], addTags: ['y'] }, ['a'], ['x', 'y']],
    [{ tags: ['x'] }, ['a'], ['x']],
    [{ addTags: [] }, ['a'], undefined],
  ])('%j on tags %j → %j', (dto, current, expected) => {
    expect(requestedFields(dto, current).tags).toEqual(expected);
  });
});

describe(staffOnlyFieldsIn.name, () => {
  it('names the staff-only fields a request sets', () => {
    expect(staffOnlyFieldsIn({ subject: 's', type: 'incident' })).toEqual([]);
    expect(staffOnlyFieldsIn({ tier: 2, tags: [], assigneeId: null })).toEqual(['tier', 'tags', 'assigneeId']);
  });
});

describe(sameValue.name, () => {
  it.each([
    [['a', 'b'], ['a', 'b'], true],
    [['a', 'b'], ['b', 'a'], false],
    [[], [], true],
    ['x', 'x', true],
    [null, null, true],
    [null, [], false],
  ])('%j vs %j -> %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
  });
});

describe(problemLinkError.name, () => {
  const incident = { id: 'i', type: TicketType.Incident };
  const problem = { id: 'p', type: TicketType.Problem };
  it.each([
    ['an incident to a problem', incident, problem, null],
    ['to nothing', incident, null, 'problemId must name an existing ticket'],
    ['a problem to itself', problem, problem, 'a ticket cannot be its own problem'],
    ['an incident to another incident', incident, { id: 'x', type: TicketType.Incident }, 'problemId must name a ticket of type problem'],
    ['a question to a problem', { id: 'q', type: TicketType.Question }, problem, 'only incidents link a problem (set type to incident)'],
    ['an untyped ticket to a problem', { id: 'u', type: null }, problem, 'only incidents link a problem (set type to incident)'],
  ])('linking %s: %s', (_name, ticket, target, expected) => {
    expect(problemLinkError(ticket, target)).toBe(expected);
  });
});

import { Channel, TicketCommentAddedV1, TicketPriority, TicketSnapshotV1, TicketStatus, TicketUpdatedV1 } from '@helpdesk/contracts';
import { calendarTime } from '../clocks/sla-clock';
import { SlaPolicyDefinition } from '../policies/policy-validation';
import { commentInput, createdInput, updatedInput } from './ticket-inputs';
import { applyInput, newTicketSla, PolicyBook, PolicyRef, RecordedInput, replayInputs, SlaTicketFacts, TicketSlaState } from './ticket-sla';

const at = (text: string) => new Date(text);
const minutes = (n: number) => ({ minutes: n, businessHours: false });

const STANDARD: PolicyRef = { id: 'standard', version: 1 };
const TIER2: PolicyRef = { id: 'tier-2', version: 3 };
const definitions: Record<string, SlaPolicyDefinition> = {
  'standard:1': {
    calendarId: null,
    targets: {
      normal: { firstResponse: minutes(60), nextResponse: minutes(120), resolution: minutes(480) },
      urgent: { firstResponse: minutes(15), resolution: minutes(120) },
    },
    warningPercent: 75,
    pauseResolutionOn: [TicketStatus.Pending],
    escalation: { levels: [] },
  },
  'tier-2:3': {
    calendarId: null,
    targets: { normal: { resolution: minutes(240) } },
    warningPercent: 75,
    pauseResolutionOn: [],
    escalation: { levels: [] },
  },
};
/** Tier-2 tickets get the tier-2 policy; every other ticket the standard one. */
const book: PolicyBook = {
  match: (facts) => (facts.tier === 2 ? TIER2 : STANDARD),
  definition: (ref) => definitions[`${ref.id}:${ref.version}`],
  businessTime: () => calendarTime,
  opening: () => null,
};

const snapshot = (changes: Partial<TicketSnapshotV1> = {}): TicketSnapshotV1 => ({
  id: 't-1',
  number: 'HD-000001',
  subject: 'Impresora',
  status: TicketStatus.New,
  priority: TicketPriority.Normal,
  channel: Channel.Web,
  requesterId: 'u-requester',
  assigneeId: null,
  organizationId: null,
  type: null,
  tier: 1,
  teamId: null,
  tags: [],
  customFields: { impact: 'high' },
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  ...changes,
});

const comment = (changes: Partial<TicketCommentAddedV1>): TicketCommentAddedV1 => ({
  ticketId: 't-1',
  ticketNumber: 'HD-000001',
  commentId: 'c-1',
  authorId: 'u-agent',
  public: true,
  createdAt: '2026-11-23T09:00:00.000Z',
  ...changes,
});

const update = (ticket: Partial<TicketSnapshotV1>, changes: TicketUpdatedV1['changes']): TicketUpdatedV1 => ({
  ticket: snapshot(ticket),
  actorId: 'u-agent',
  changes,
});

/** The inputs of one ticket's story, as the ticket service's events arrive. */
const story: RecordedInput[] = [
  createdInput({ ticket: snapshot(), actorId: null }, at('2026-11-23T09:00:00Z')),
  // An internal note, the requester's own reply and an automatic notice do not answer the ticket.
  commentInput(comment({ public: false, authorRole: 'agent' }), at('2026-11-23T09:10:00Z')),
  commentInput(comment({ authorRole: 'requester', authorId: 'u-requester' }), at('2026-11-23T09:15:00Z')),
  commentInput(comment({ authorRole: 'system' }), at('2026-11-23T09:16:00Z')),
  // The first public agent reply, with a file: first response is met.
  commentInput(
    comment({
      authorRole: 'agent',
      firstResponse: true,
      attachments: [{ id: 'a', filename: 'log.txt', contentType: 'text/plain', size: 3 }],
    }),
    at('2026-11-23T09:30:00Z'),
  ),
  commentInput(comment({ authorRole: 'end_user', authorId: 'u-cc' }), at('2026-11-23T10:00:00Z')),
  updatedInput(update({ status: TicketStatus.Pending }, [{ field: 'status', from: 'open', to: 'pending' }]), at('2026-11-23T11:00:00Z')),
  updatedInput(update({ status: TicketStatus.Open }, [{ field: 'status', from: 'pending', to: 'open' }]), at('2026-11-23T13:00:00Z')),
  updatedInput(
    update({ priority: TicketPriority.Urgent }, [{ field: 'priority', from: 'normal', to: 'urgent' }]),
    at('2026-11-23T13:30:00Z'),
  ),
].map((input) => ({ ...input, policy: input.facts ? book.match(input.facts) : undefined }));

function fold(inputs: RecordedInput[]): { state: TicketSlaState; types: string[] } {
  let state = newTicketSla('t-1', inputs[0].at, inputs[0].facts as SlaTicketFacts);
  const types: string[] = [];
  for (const input of inputs) {
    const step = applyInput(book, state, input, input.policy);
    state = step.state;
    types.push(...step.metrics.map((m) => `${m.clock ?? 'sla'} ${m.type}`));
  }
  return { state, types };
}

const brief = (state: TicketSlaState) =>
  Object.fromEntries(
    Object.entries(state.clocks).map(([kind, c]) => [
      kind,
      `${c.stoppedAt ? c.outcome : c.runningSince ? `due ${c.dueAt?.toISOString().slice(11, 16)}` : 'paused'} (${c.targetMs / 60_000} min, run ${c.cycle})`,
    ]),
  );

describe('a ticket’s SLA as a fold over its events', () => {
  it('reads the ticket service’s event fields: author role, first response, visibility (files and custom fields change nothing)', () => {
    expect(story.slice(1, 6).map((input) => input.events)).toEqual([
      [{ type: 'comment', authorRole: 'agent', public: false }],
      [{ type: 'comment', authorRole: 'requester', public: true }],
      [{ type: 'comment', authorRole: 'system', public: true }],
      [{ type: 'comment', authorRole: 'agent', public: true }],
      [{ type: 'comment', authorRole: 'end_user', public: true }],
    ]);
    // An event from before authorRole existed: a flagged first response is an agent's reply, anything else moves nothing.
    expect(commentInput(comment({ firstResponse: true }), at('2026-11-23T09:00:00Z')).events).toEqual([
      { type: 'comment', authorRole: 'agent', public: true },
    ]);
    expect(commentInput(comment({}), at('2026-11-23T09:00:00Z')).events).toEqual([{ type: 'comment', authorRole: 'system', public: true }]);
    expect(story[0].facts).toEqual({
      status: 'new',
      priority: 'normal',
      type: null,
      organizationId: null,
      channel: 'web',
      tags: [],
      tier: 1,
      teamId: null,
      assigneeId: null,
    });
  });

  it('tells the story in metric events and ends with the clocks a reader expects', () => {
    const { state, types } = fold(story);
    expect(types).toEqual([
      'sla apply_sla',
      'first_response activate',
      'resolution activate',
      'first_response fulfil',
      'next_response activate',
      'resolution pause',
      'resolution resume',
      'next_response cancel',
      'resolution update_target',
    ]);
    expect(brief(state)).toEqual({
      // A stopped clock keeps its target; urgent has no next-response target, so that clock is cancelled.
      first_response: 'met (60 min, run 1)',
      // 2 h counted before the pause and 30 min after it: past the urgent 2 h, due at once.
      resolution: 'due 13:30 (120 min, run 1)',
    });
  });

  it('recomputes the same state from the recorded inputs, whatever order they arrived in', () => {
    const incremental = fold(story).state;
    const shuffled = [story[3], story[0], story[8], story[5], story[1], story[7], story[2], story[6], story[4]];
    const replayed = replayInputs(book, { ticketId: 't-1', createdAt: story[0].at }, shuffled);
    expect(replayed.state).toEqual(incremental);
  });

  it('keeps what was fired for a run of a clock through a recomputation', () => {
    const live = fold(story.slice(0, 2)).state;
    const fired = { first_response: { ...live.clocks.first_response!, warnedAt: at('2026-11-23T09:45:00Z'), firedLevels: [] } };
    const replayed = replayInputs(book, { ticketId: 't-1', createdAt: story[0].at }, story.slice(0, 2), fired);
    expect(replayed.state!.clocks.first_response!.warnedAt).toEqual(at('2026-11-23T09:45:00Z'));
  });

  it('switches policy when another one matches (tier 2): clocks keep what they counted and take the new targets', () => {
    const escalated = updatedInput(
      update({ status: TicketStatus.Open, tier: 2 }, [{ field: 'tier', from: 1, to: 2 }]),
      at('2026-11-23T10:00:00Z'),
    );
    const { state, types } = fold([story[0], { ...escalated, policy: book.match(escalated.facts!) }]);
    expect(state.policy).toEqual(TIER2);
    expect(types.slice(-3)).toEqual(['sla apply_sla', 'first_response cancel', 'resolution update_target']);
    expect(brief(state)).toEqual({ resolution: 'due 13:00 (240 min, run 1)' });
  });

  it('keeps the version a ticket started with while the same policy matches', () => {
    const newer = { ...STANDARD, version: 2 };
    const tagged = updatedInput(update({ tags: ['vip'] }, [{ field: 'tags', from: [], to: ['vip'] }]), at('2026-11-23T10:00:00Z'));
    const { state } = fold([story[0], { ...tagged, policy: newer }]);
    expect(state.policy).toEqual(STANDARD);
  });
});

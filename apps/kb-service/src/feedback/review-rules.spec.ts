import { assessForReview, compareUrgency, daysOverdue, helpfulPercent, isPoorFeedback, ReviewThresholds } from './review-rules';

const DEFAULTS: ReviewThresholds = { minVotes: 5, minHelpfulPercent: 50 };

describe(isPoorFeedback.name, () => {
  it.each([
    // yes, no, thresholds, poor
    [0, 0, DEFAULTS, false],
    [0, 4, DEFAULTS, false], // too few votes to judge
    [0, 5, DEFAULTS, true],
    [2, 3, DEFAULTS, true], // 40 %
    [3, 3, DEFAULTS, false], // exactly 50 % is not under 50 %
    [5, 6, DEFAULTS, true], // 45.45 %
    [49, 51, DEFAULTS, true],
    [50, 50, DEFAULTS, false],
    [10, 0, DEFAULTS, false],
    [1, 2, { minVotes: 3, minHelpfulPercent: 50 }, true],
    [7, 3, { minVotes: 5, minHelpfulPercent: 80 }, true], // 70 % under 80 %
    [8, 2, { minVotes: 5, minHelpfulPercent: 80 }, false], // exactly 80 %
    [1, 2, { minVotes: 1, minHelpfulPercent: 34 }, true], // 33.3 % rounds to 33 but is judged unrounded
  ])('%p helpful and %p unhelpful with %j: poor is %p', (yes, no, thresholds, poor) => {
    expect(isPoorFeedback({ yes, no }, thresholds)).toBe(poor);
  });
});

describe(helpfulPercent.name, () => {
  it.each([
    [0, 0, null],
    [1, 0, 100],
    [0, 3, 0],
    [1, 2, 33],
    [2, 1, 67],
    [1, 1, 50],
  ])('%p yes and %p no make %p %', (yes, no, percent) => {
    expect(helpfulPercent({ yes, no })).toBe(percent);
  });
});

describe(daysOverdue.name, () => {
  it.each([
    [null, '2026-12-06', null],
    ['2026-12-07', '2026-12-06', null],
    ['2026-12-06', '2026-12-06', null], // due today is not past due
    ['2026-12-05', '2026-12-06', 1],
    ['2026-11-06', '2026-12-06', 30],
    ['2025-12-06', '2026-12-06', 365],
    ['2024-02-28', '2024-03-01', 2], // leap year
  ])('review by %p, today %p: %p days overdue', (reviewBy, today, days) => {
    expect(daysOverdue(reviewBy, today)).toBe(days);
  });
});

describe(assessForReview.name, () => {
  const today = '2026-12-06';
  it.each([
    ['neither', { reviewBy: '2027-01-01', helpful: { yes: 9, no: 1 } }, [], null, 90],
    ['overdue only', { reviewBy: '2026-12-01', helpful: { yes: 0, no: 0 } }, ['overdue'], 5, null],
    ['poor only', { reviewBy: null, helpful: { yes: 1, no: 4 } }, ['poor_feedback'], null, 20],
    ['both', { reviewBy: '2026-11-30', helpful: { yes: 1, no: 9 } }, ['overdue', 'poor_feedback'], 6, 10],
  ])('%s', (_name, article, reasons, days, percent) => {
    expect(assessForReview({ id: 'a', ...article }, today, DEFAULTS)).toEqual({
      reasons,
      daysOverdue: days,
      helpfulPercent: percent,
    });
  });
});

describe(compareUrgency.name, () => {
  const entry = (id: string, reviewBy: string | null, yes: number, no: number) => ({
    id,
    helpful: { yes, no },
    ...assessForReview({ id, reviewBy, helpful: { yes, no } }, '2026-12-06', DEFAULTS),
  });

  it('puts both reasons first, then the longest overdue, then the lowest helpful share, then the most unhelpful votes', () => {
    const ranked = [
      entry('poor-40', null, 2, 3),
      entry('overdue-1', '2026-12-05', 0, 0),
      entry('poor-0-many', null, 0, 9),
      entry('both', '2026-12-05', 0, 5),
      entry('overdue-30', '2026-11-06', 10, 0),
      entry('poor-0-few', null, 0, 5),
    ].sort(compareUrgency);
    expect(ranked.map((e) => e.id)).toEqual(['both', 'overdue-30', 'overdue-1', 'poor-0-many', 'poor-0-few', 'poor-40']);
  });

  it('breaks ties by id, so pages do not shuffle', () => {
    const ranked = [entry('b', '2026-12-05', 0, 0), entry('a', '2026-12-05', 0, 0)].sort(compareUrgency);
    expect(ranked.map((e) => e.id)).toEqual(['a', 'b']);
  });
});

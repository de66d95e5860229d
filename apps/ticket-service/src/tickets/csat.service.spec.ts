import { surveyState } from './csat.service';

describe(surveyState.name, () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const later = new Date('2026-11-24T12:00:00Z');
  const earlier = new Date('2026-11-22T12:00:00Z');

  it.each([
    ['no survey', undefined, 'none'],
    ['an open survey', { rated_at: null, superseded_at: null, expires_at: later }, 'pending'],
    ['an answered survey, even past its expiry', { rated_at: earlier, superseded_at: null, expires_at: earlier }, 'rated'],
    ['a survey past its expiry', { rated_at: null, superseded_at: null, expires_at: earlier }, 'expired'],
    ['a survey expiring right now', { rated_at: null, superseded_at: null, expires_at: now }, 'expired'],
    ['a survey replaced by a newer solve', { rated_at: null, superseded_at: earlier, expires_at: later }, 'expired'],
  ])('%s is %s', (_name, survey, expected) => {
    expect(surveyState(survey, now)).toBe(expected);
  });
});

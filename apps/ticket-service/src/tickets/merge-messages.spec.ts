import { Locale } from '@helpdesk/contracts';
import { mergedIntoNote, mergedNotice } from './merge-messages';

describe(mergedNotice.name, () => {
  it.each([
    [Locale.Es, 'Esta solicitud se ha unido a HD-000124. Seguiremos allí.'],
    [Locale.En, 'This request was merged into HD-000124. We will continue there.'],
  ])('tells a %s-speaking requester where the conversation went', (locale, expected) => {
    expect(mergedNotice(locale, 'HD-000124')).toBe(expected);
  });
});

describe(mergedIntoNote.name, () => {
  it('says what was merged and adds the agent’s note when there is one', () => {
    expect(mergedIntoNote('HD-000123', 2)).toBe('Merged HD-000123 into this ticket (2 comment(s) moved).');
    expect(mergedIntoNote('HD-000123', 0, '  Same outage  ')).toBe(
      'Merged HD-000123 into this ticket (0 comment(s) moved).\n\nSame outage',
    );
  });
});

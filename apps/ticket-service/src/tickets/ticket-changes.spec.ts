import { diffFields } from './ticket-changes';

interface Row {
  subject: string;
  status: string;
  priority: string;
  assigneeId: string | null;
}

const current: Row = { subject: 'Printer', status: 'open', priority: 'normal', assigneeId: null };

describe(diffFields.name, () => {
  it('reports nothing when nothing is requested', () => {
    expect(diffFields(current, {})).toEqual([]);
  });

  it('skips a field whose requested value equals the current one', () => {
    expect(diffFields(current, { subject: 'Printer', status: 'open' })).toEqual([]);
  });

  it('reports a changed field with its before and after', () => {
    expect(diffFields(current, { status: 'pending' })).toEqual([{ field: 'status', from: 'open', to: 'pending' }]);
  });

  it('skips a field requested as undefined', () => {
    expect(diffFields(current, { subject: undefined, priority: 'high' })).toEqual([{ field: 'priority', from: 'normal', to: 'high' }]);
  });

  it('reports null to a value', () => {
    expect(diffFields(current, { assigneeId: 'u-1' })).toEqual([{ field: 'assigneeId', from: null, to: 'u-1' }]);
  });

  it('reports a value to null', () => {
    expect(diffFields<Row>({ ...current, assigneeId: 'u-1' }, { assigneeId: null })).toEqual([
      { field: 'assigneeId', from: 'u-1', to: null },
    ]);
  });

  it('skips null requested over null', () => {
    expect(diffFields(current, { assigneeId: null })).toEqual([]);
  });

  it('treats a missing current value as null', () => {
    const partial = { subject: 'Printer' } as Partial<Row>;
    expect(diffFields(partial, { assigneeId: 'u-1' })).toEqual([{ field: 'assigneeId', from: null, to: 'u-1' }]);
  });

  it('lists changes in the order of the requested object', () => {
    const changes = diffFields(current, { priority: 'high', subject: 'Scanner', status: 'solved' });
    expect(changes.map((c) => c.field)).toEqual(['priority', 'subject', 'status']);
  });
});

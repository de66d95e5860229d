import { TicketPriority, TicketStatus } from '@helpdesk/contracts';
import { firstName, macroUpdate, placeholderValues, renderPlaceholders, unknownPlaceholders } from './macro-template';

const values = placeholderValues({
  ticket: { id: 't-1', number: 'HD-000042', subject: 'Sin correo', status: 'open', priority: 'high', type: null, tier: 2 },
  requester: { name: 'Ana María Pérez', email: 'ana@example.com' },
  currentUser: { name: 'Luis', email: 'luis@helpdesk.test' },
});

describe(renderPlaceholders.name, () => {
  it.each([
    ['Hola {{requester.first_name}}', 'Hola Ana'],
    ['{{ ticket.number }} · {{ticket.subject}}', 'HD-000042 · Sin correo'],
    ['{{requester.name}} <{{requester.email}}>', 'Ana María Pérez <ana@example.com>'],
    ['Tipo: "{{ticket.type}}", nivel {{ticket.tier}}', 'Tipo: "", nivel 2'],
    ['Firma: {{current_user.name}}', 'Firma: Luis'],
    ['{{unknown.thing}} stays', '{{unknown.thing}} stays'],
    ['no placeholders', 'no placeholders'],
    ['{{ticket.number}}{{ticket.number}}', 'HD-000042HD-000042'],
  ])('%s → %s', (text, expected) => {
    expect(renderPlaceholders(text, values)).toBe(expected);
  });
});

describe(unknownPlaceholders.name, () => {
  it.each([
    ['Hola {{requester.name}}', []],
    ['{{ticket.numbr}} and {{ ticket.numbr }} and {{agent}}', ['ticket.numbr', 'agent']],
    ['{{}}', ['']],
  ])('%s → %j', (text, expected) => {
    expect(unknownPlaceholders(text)).toEqual(expected);
  });
});

describe(firstName.name, () => {
  it.each([
    ['Ana María', 'Ana'],
    ['  Luis  ', 'Luis'],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(firstName(name)).toBe(expected);
  });
});

describe(macroUpdate.name, () => {
  it('maps actions to an update, resolving current_user and leaving out empty tag lists', () => {
    expect(
      macroUpdate(
        {
          status: TicketStatus.Pending,
          priority: TicketPriority.Low,
          assigneeId: 'current_user',
          addTags: ['a'],
          removeTags: [],
          teamId: null,
        },
        'me',
      ),
    ).toEqual({ status: TicketStatus.Pending, priority: TicketPriority.Low, assigneeId: 'me', addTags: ['a'], teamId: null });
    expect(macroUpdate({ comment: { body: 'x' } }, 'me')).toEqual({});
    expect(macroUpdate({ assigneeId: null, customFields: { f: 1 } }, 'me')).toEqual({ assigneeId: null, customFields: { f: 1 } });
  });
});

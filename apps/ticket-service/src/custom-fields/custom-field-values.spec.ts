import { CustomFieldType } from '@helpdesk/contracts';
import {
  applyInput,
  checkValue,
  CustomFieldDefinition,
  hasValue,
  missingRequired,
  optionsError,
  validateInput,
  valueChanges,
  valueMatches,
  visibleValues,
} from './custom-field-values';

function field(key: string, type: CustomFieldType, extra: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition {
  return {
    key,
    type,
    options: [],
    requiredOnCreate: false,
    requiredOnSolve: false,
    visibleToCustomers: false,
    editableByCustomers: false,
    active: true,
    ...extra,
  };
}

const options = [
  { value: 'laser', label: 'Láser' },
  { value: 'inkjet', label: 'Inyección' },
];
const dropdown = field('model', CustomFieldType.Dropdown, { options });
const multiselect = field('areas', CustomFieldType.Multiselect, { options });

describe('checkValue', () => {
  it.each([
    [field('t', CustomFieldType.Text), '  hola  ', { value: 'hola' }],
    [field('t', CustomFieldType.Text), 5, { error: 'must be a string' }],
    [field('t', CustomFieldType.Text), 'x'.repeat(10_001), { error: 'must be at most 10000 characters' }],
    [field('n', CustomFieldType.Number), 3.5, { value: 3.5 }],
    [field('n', CustomFieldType.Number), '3', { error: 'must be a number' }],
    [field('n', CustomFieldType.Number), Number.NaN, { error: 'must be a number' }],
    [field('d', CustomFieldType.Date), '2026-02-28', { value: '2026-02-28' }],
    [field('d', CustomFieldType.Date), '2026-02-30', { error: 'must be a date as YYYY-MM-DD' }],
    [field('d', CustomFieldType.Date), '2026-02-28T10:00:00Z', { error: 'must be a date as YYYY-MM-DD' }],
    [field('c', CustomFieldType.Checkbox), false, { value: false }],
    [field('c', CustomFieldType.Checkbox), 'true', { error: 'must be true or false' }],
    [dropdown, 'laser', { value: 'laser' }],
    [dropdown, 'matrix', { error: 'must be one of: laser, inkjet' }],
    [multiselect, ['laser', 'laser', 'inkjet'], { value: ['laser', 'inkjet'] }],
    [multiselect, ['laser', 'dot'], { error: 'dot not among: laser, inkjet' }],
    [multiselect, 'laser', { error: 'must be a list of option values' }],
    [multiselect, [], { value: [] }],
  ])('%#: %j takes %j → %j', (definition, value, expected) => {
    expect(checkValue(definition, value)).toEqual(expected);
  });
});

describe('validateInput', () => {
  const definitions = [
    dropdown,
    field('secret', CustomFieldType.Text),
    field('serial', CustomFieldType.Text, { editableByCustomers: true }),
    field('old', CustomFieldType.Text, { active: false }),
  ];

  it('keeps valid values and clears with null', () => {
    expect(validateInput(definitions, { model: 'laser', secret: null }, { customer: false })).toEqual({
      values: { model: 'laser', secret: null },
      errors: [],
    });
  });

  it.each([
    [{ nope: 1 }, false, 'nope is not a custom field'],
    [{ old: 'x' }, false, 'old is not a custom field'],
    [{ model: 'dot' }, false, 'model must be one of: laser, inkjet'],
    [{ secret: 'x' }, true, 'customers cannot set secret'],
  ])('%j (customer %s) → %s', (input, customer, message) => {
    const [key] = Object.keys(input);
    expect(validateInput(definitions, input, { customer }).errors).toEqual([{ field: `customFields.${key}`, message }]);
  });

  it('lets customers set the fields they may edit', () => {
    expect(validateInput(definitions, { serial: 'SN-1' }, { customer: true })).toEqual({ values: { serial: 'SN-1' }, errors: [] });
  });
});

describe('missingRequired', () => {
  const definitions = [
    field('staff_only', CustomFieldType.Text, { requiredOnCreate: true }),
    field('shared', CustomFieldType.Text, { requiredOnCreate: true, editableByCustomers: true }),
    field('cause', CustomFieldType.Dropdown, { options, requiredOnSolve: true }),
    field('agreed', CustomFieldType.Checkbox, { requiredOnSolve: true }),
    field('gone', CustomFieldType.Text, { requiredOnCreate: true, active: false }),
  ];
  const keys = (errors: { field: string }[]): string[] => errors.map((e) => e.field);

  it.each([
    ['create', false, {}, ['customFields.staff_only', 'customFields.shared']],
    ['create', true, {}, ['customFields.shared']],
    ['create', false, { staff_only: 'a', shared: 'b' }, []],
    ['solve', false, {}, ['customFields.cause', 'customFields.agreed']],
    ['solve', false, { cause: 'laser', agreed: false }, ['customFields.agreed']],
    ['solve', true, { cause: 'laser', agreed: true }, []],
  ] as const)('%s by customer=%s with %j → %j', (moment, customer, values, expected) => {
    expect(keys(missingRequired(definitions, values, moment, { customer }))).toEqual(expected);
  });
});

describe('values', () => {
  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    [false, false],
    [[], false],
    [0, true],
    [true, true],
    [['a'], true],
    ['a', true],
  ])('hasValue(%j) = %s', (value, expected) => {
    expect(hasValue(value)).toBe(expected);
  });

  it('applies input: null removes, others set', () => {
    expect(applyInput({ a: 'x', b: 1 }, { a: null, c: true })).toEqual({ b: 1, c: true });
  });

  it('shows customers only the fields shown to them, and nobody inactive fields', () => {
    const definitions = [
      field('internal', CustomFieldType.Text),
      field('shown', CustomFieldType.Text, { visibleToCustomers: true }),
      field('editable', CustomFieldType.Text, { editableByCustomers: true }),
      field('retired', CustomFieldType.Text, { active: false, visibleToCustomers: true }),
    ];
    const values = { internal: 'i', shown: 's', editable: 'e', retired: 'r' };
    expect(visibleValues(definitions, values, { customer: true })).toEqual({ shown: 's', editable: 'e' });
    expect(visibleValues(definitions, values, { customer: false })).toEqual({ internal: 'i', shown: 's', editable: 'e' });
  });

  it('lists changes by key', () => {
    expect(valueChanges({ a: 1, b: ['x'], c: 'same' }, { b: ['x', 'y'], c: 'same', d: true })).toEqual([
      { field: 'customFields.a', from: 1, to: null },
      { field: 'customFields.b', from: ['x'], to: ['x', 'y'] },
      { field: 'customFields.d', from: null, to: true },
    ]);
  });

  it.each([
    [undefined, ['a'], false],
    ['a', ['a', 'b'], true],
    [['c', 'b'], ['a', 'b'], true],
    [['c'], ['a'], false],
    [true, [true], true],
    [3, [3], true],
  ] as const)('valueMatches(%j, %j) = %s', (value, wanted, expected) => {
    expect(valueMatches(value as never, [...wanted])).toBe(expected);
  });

  it.each([
    [CustomFieldType.Text, undefined, null],
    [CustomFieldType.Text, options, 'a text field takes no options'],
    [CustomFieldType.Dropdown, [], 'a dropdown field needs at least one option'],
    [CustomFieldType.Multiselect, [...options, options[0]], 'option values must be unique (laser repeated)'],
    [CustomFieldType.Dropdown, options, null],
  ])('optionsError(%s, %j) = %s', (type, given, expected) => {
    expect(optionsError(type, given)).toBe(expected);
  });
});

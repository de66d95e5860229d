import { plainToInstance, Type } from 'class-transformer';
import { getMetadataStorage, IsEmail, IsOptional, IsString, MinLength, ValidateNested, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

type Storage = ReturnType<typeof getMetadataStorage>;

class Sender {
  @IsString()
  id!: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

class Message {
  @IsString()
  @MinLength(3, { groups: ['strict'] })
  text!: string;

  @ValidateNested()
  @Type(() => Sender)
  from!: Sender;
}

class QuotedMessage extends Message {
  @IsString()
  quote!: string;
}

/** A stand-in storage that counts how often class-validator's own lookup runs. */
function countingStorage(): { storage: Storage; lookups: jest.Mock; adds: jest.Mock } {
  const lookups = jest.fn((target: unknown) => [{ target, propertyName: 'x' }]);
  const adds = jest.fn();
  const storage = { getTargetValidationMetadatas: lookups, addValidationMetadata: adds } as unknown as Storage;
  return { storage, lookups, adds };
}

const problems = (dto: new () => object, plain: object, groups?: string[]) =>
  validateSync(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true, groups }).map((e) => ({
    property: e.property,
    constraints: e.constraints,
    children: e.children?.map((c) => ({ property: c.property, constraints: c.constraints })),
  }));

describe('cacheValidationMetadata', () => {
  it('asks class-validator once per class and options, and again after a rule is added', () => {
    const { storage, lookups, adds } = countingStorage();
    cacheValidationMetadata(storage);

    const first = storage.getTargetValidationMetadatas(Message, '', false, false);
    expect(storage.getTargetValidationMetadatas(Message, '', false, false)).toBe(first);
    storage.getTargetValidationMetadatas(Message, '', false, false, ['strict']);
    storage.getTargetValidationMetadatas(Message, '', true, false);
    storage.getTargetValidationMetadatas(QuotedMessage, '', false, false);
    storage.getTargetValidationMetadatas(QuotedMessage, '', false, false);
    expect(lookups).toHaveBeenCalledTimes(4);

    const rule = { target: Message, propertyName: 'y' } as never;
    storage.addValidationMetadata(rule);
    expect(adds).toHaveBeenCalledWith(rule);
    storage.getTargetValidationMetadatas(Message, '', false, false);
    expect(lookups).toHaveBeenCalledTimes(5);
  });

  it('is installed once: a second call does not wrap the lookup again', () => {
    const { storage, lookups } = countingStorage();
    cacheValidationMetadata(storage);
    const installed = storage.getTargetValidationMetadatas;
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(installed);
    storage.getTargetValidationMetadatas(Message, '', false, false);
    storage.getTargetValidationMetadatas(Message, '', false, false);
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('validates exactly as class-validator does: inherited and nested rules, groups, unknown fields', () => {
    const cases: [new () => object, object, string[]?][] = [
      [Message, { text: 'hola', from: { id: 'v1', email: 'v1@example.com' } }],
      [Message, { text: 7, from: { id: 3, email: 'not-an-email' } }],
      [Message, { text: 'ok', from: { id: 'v1' } }, ['strict']],
      [QuotedMessage, { text: 'hola', from: { id: 'v1' } }],
      [QuotedMessage, { text: 'hola', quote: 'x', from: { id: 'v1', extra: true }, extra: 1 }],
    ];
    const before = cases.map(([dto, plain, groups]) => problems(dto, plain, groups));
    cacheValidationMetadata();
    const after = cases.map(([dto, plain, groups]) => problems(dto, plain, groups));
    expect(after).toEqual(before);
    expect(before[0]).toEqual([]);
    expect(before[1].map((p) => p.property)).toEqual(['text', 'from']);
    // With a group, only that group's rules apply: `from` has none in it, so it is an unknown field.
    expect(before[2].map((p) => p.property).sort()).toEqual(['from', 'text']);
    expect(before[3].map((p) => p.property)).toEqual(['quote']);
    expect(before[4].map((p) => p.property).sort()).toEqual(['extra', 'from']);
  });

  it('sees the rules of a class defined after it was installed', () => {
    cacheValidationMetadata();
    expect(problems(Message, { text: 'hola', from: { id: 'v1' }, late: 1 }).map((p) => p.property)).toEqual(['late']);
    class LateMessage extends Message {
      @IsString()
      late!: string;
    }
    expect(problems(LateMessage, { text: 'hola', from: { id: 'v1' }, late: 1 })).toEqual([
      { property: 'late', constraints: { isString: expect.any(String) }, children: [] },
    ]);
  });
});

import { acceptOrCreateRequestId, requestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(acceptOrCreateRequestId.name, () => {
  it.each([['abc-123'], ['0b6f3c1e-8a2d-4f4e-9c5b-2d7e1a3f4b5c'], ['svc.gateway:req_42'], ['x'.repeat(128)]])(
    'keeps the sane id %p',
    (id) => {
      expect(acceptOrCreateRequestId(id)).toBe(id);
    },
  );

  it.each([['has space'], ['line\nbreak'], ['x'.repeat(129)], [''], ['<script>'], ['ü'], [42], [undefined], [['a']]])(
    'replaces %p with a new uuid',
    (candidate) => {
      expect(acceptOrCreateRequestId(candidate)).toMatch(UUID);
    },
  );

  it('makes a different id each time', () => {
    expect(acceptOrCreateRequestId(undefined)).not.toBe(acceptOrCreateRequestId(undefined));
  });
});

describe('requestContext', () => {
  it('has no context outside run', () => {
    expect(requestContext.current()).toBeUndefined();
    expect(requestContext.requestId()).toBeUndefined();
  });

  it('returns the result of the function it runs', () => {
    expect(requestContext.run({ requestId: 'r-1' }, () => 7)).toBe(7);
  });

  it('exposes the context inside run', () => {
    const context = { requestId: 'r-1', traceparent: '00-abc-def-01' };
    requestContext.run(context, () => {
      expect(requestContext.current()).toBe(context);
      expect(requestContext.requestId()).toBe('r-1');
    });
  });

  it('keeps the context across awaits', async () => {
    const seen = await requestContext.run({ requestId: 'r-async' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return requestContext.requestId();
    });
    expect(seen).toBe('r-async');
  });

  it('keeps concurrent runs apart', async () => {
    const read = (id: string) =>
      requestContext.run({ requestId: id }, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return requestContext.requestId();
      });
    await expect(Promise.all([read('a'), read('b')])).resolves.toEqual(['a', 'b']);
  });

  it('restores the outer context after a nested run', () => {
    requestContext.run({ requestId: 'outer' }, () => {
      requestContext.run({ requestId: 'inner' }, () => {
        expect(requestContext.requestId()).toBe('inner');
      });
      expect(requestContext.requestId()).toBe('outer');
    });
  });
});

import { nextFrame } from './pglite-wire-server';

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value, 0);
  return b;
}

const sslRequest = (): Buffer => Buffer.concat([int32(8), int32(80877103)]);
const cancelRequest = (): Buffer => Buffer.concat([int32(16), int32(80877102), int32(1234), int32(5678)]);

function startup(params: Record<string, string>): Buffer {
  const body = Buffer.concat([...Object.entries(params).map(([k, v]) => Buffer.from(`${k}\0${v}\0`)), Buffer.from([0])]);
  return Buffer.concat([int32(8 + body.length), int32(196608), body]);
}

function message(type: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type, 'ascii'), int32(4 + payload.length), payload]);
}

const query = (sql: string): Buffer => message('Q', Buffer.from(`${sql}\0`));

describe(nextFrame.name, () => {
  describe('before startup', () => {
    it('reads an SSL request', () => {
      expect(nextFrame(sslRequest(), false)).toEqual({ frame: { kind: 'ssl' }, rest: Buffer.alloc(0) });
    });

    it('reads a cancel request of 16 bytes', () => {
      expect(nextFrame(cancelRequest(), false)).toEqual({ frame: { kind: 'cancel' }, rest: Buffer.alloc(0) });
    });

    it('reads a startup message with its parameters', () => {
      const bytes = startup({ user: 'helpdesk', database: 'helpdesk' });
      const result = nextFrame(bytes, false);
      expect(result?.frame).toEqual({ kind: 'startup', bytes: new Uint8Array(bytes) });
      expect(result?.rest.length).toBe(0);
    });

    it('leaves what follows a startup message in the rest', () => {
      const first = startup({ user: 'u' });
      const result = nextFrame(Buffer.concat([first, query('SELECT 1')]), false);
      expect(result?.frame).toEqual({ kind: 'startup', bytes: new Uint8Array(first) });
      expect(result?.rest).toEqual(query('SELECT 1'));
    });

    it('reads the startup message that follows an SSL request', () => {
      const first = nextFrame(Buffer.concat([sslRequest(), startup({ user: 'u' })]), false);
      expect(first?.frame).toEqual({ kind: 'ssl' });
      expect(nextFrame(first!.rest, false)?.frame.kind).toBe('startup');
    });

    it.each([[0], [4], [7]])('waits when only %p bytes have arrived', (n) => {
      expect(nextFrame(sslRequest().subarray(0, n), false)).toBeNull();
    });

    it('waits for the rest of a startup message', () => {
      const bytes = startup({ user: 'helpdesk' });
      expect(nextFrame(bytes.subarray(0, bytes.length - 1), false)).toBeNull();
    });

    it('waits for the rest of a cancel request', () => {
      expect(nextFrame(cancelRequest().subarray(0, 12), false)).toBeNull();
    });

    it('throws on an unknown startup code', () => {
      expect(() => nextFrame(Buffer.concat([int32(8), int32(12345)]), false)).toThrow('unsupported startup code 12345');
    });
  });

  describe('after startup', () => {
    it('reads a typed message with its whole bytes', () => {
      const bytes = query('SELECT 1');
      expect(nextFrame(bytes, true)).toEqual({
        frame: { kind: 'message', type: 'Q', bytes: new Uint8Array(bytes) },
        rest: Buffer.alloc(0),
      });
    });

    it('reads a message with an empty body', () => {
      const sync = message('S', Buffer.alloc(0));
      expect(nextFrame(sync, true)).toEqual({ frame: { kind: 'message', type: 'S', bytes: new Uint8Array(sync) }, rest: Buffer.alloc(0) });
    });

    it('returns the first of two messages and the second as the rest', () => {
      const first = query('SELECT 1');
      const second = message('X', Buffer.alloc(0));
      const result = nextFrame(Buffer.concat([first, second]), true);
      expect(result?.frame).toEqual({ kind: 'message', type: 'Q', bytes: new Uint8Array(first) });
      expect(result?.rest).toEqual(second);
      expect(nextFrame(result!.rest, true)?.frame).toEqual({ kind: 'message', type: 'X', bytes: new Uint8Array(second) });
    });

    it.each([[0], [1], [4]])('waits while the header has only %p bytes', (n) => {
      expect(nextFrame(query('SELECT 1').subarray(0, n), true)).toBeNull();
    });

    it('waits for the rest of the body', () => {
      const bytes = query('SELECT 1');
      expect(nextFrame(bytes.subarray(0, bytes.length - 1), true)).toBeNull();
    });
  });
});

describe('nextFrame (lengths that would never advance)', () => {
  it('throws on a startup message shorter than its own header', () => {
    const buffer = Buffer.alloc(8);
    buffer.writeInt32BE(0, 0);
    buffer.writeInt32BE(80877103, 4);
    expect(() => nextFrame(buffer, false)).toThrow(/invalid startup message length/);
  });

  it('throws on a typed message with a negative or too small length', () => {
    const negative = Buffer.from([0x51, 0xff, 0xff, 0xff, 0xf0]);
    const tooSmall = Buffer.from([0x51, 0, 0, 0, 3]);
    expect(() => nextFrame(negative, true)).toThrow(/invalid message length/);
    expect(() => nextFrame(tooSmall, true)).toThrow(/invalid message length/);
  });
});

import { computeSignature, parseSignatureHeader, signatureHeader, verifySignature } from './webhook-signature';

// Vectors computed independently: printf '%s' '<t>.<body>' | openssl dgst -sha256 -hmac '<secret>'
const VECTORS = [
  {
    secret: 'whsec_test_secret_0123',
    t: 1763892000,
    body: '{"messageId":"m-1","text":"hola"}',
    hex: 'b775228f731baeddef0a697932ef5983a274442de036387f538370b9a204cfa4',
  },
  {
    secret: 'whsec_test_secret_0123',
    t: 1763892000,
    body: '{"messageId":"m-1","text":"hola!"}',
    hex: '75a22ed33591ee7569efb881558179ea57577cff3c9a852f1d39896ab677ad53',
  },
  { secret: 'k3y-k3y-k3y-k3y-', t: 1700000000, body: '', hex: 'e44446d6e4d5f20680dc04197d7553c39217e97ecf117f7ffdd586f331a7e074' },
  // UTF-8 bytes of the body, not UTF-16 code units (python3 hmac over the encoded string)
  {
    secret: 'whsec_test_secret_0123',
    t: 1763892000,
    body: '{"text":"¿Qué tal? ñ"}',
    hex: '34db89903a2a27918915eae3b891e2ad7da690801ac991249356134377da89da',
  },
];

const SECRET = 'whsec_test_secret_0123';
const T = 1763892000;
const BODY = '{"messageId":"m-1","text":"hola"}';
const at = (seconds: number) => new Date(seconds * 1000);

describe(computeSignature.name, () => {
  it.each(VECTORS)('signs "$t.$body" as $hex', ({ secret, t, body, hex }) => {
    expect(computeSignature(secret, t, body)).toBe(hex);
    expect(computeSignature(secret, t, Buffer.from(body, 'utf8'))).toBe(hex);
  });
});

describe(parseSignatureHeader.name, () => {
  it.each([
    ['t=1763892000,v1=' + 'a'.repeat(64), { timestamp: 1763892000, signatures: ['a'.repeat(64)] }],
    [' t=1 , v1=' + 'A'.repeat(64) + ', v0=zz', { timestamp: 1, signatures: ['a'.repeat(64)] }],
    ['t=5,v1=' + 'a'.repeat(64) + ',v1=' + 'b'.repeat(64), { timestamp: 5, signatures: ['a'.repeat(64), 'b'.repeat(64)] }],
    ['v1=' + 'a'.repeat(64), null],
    ['t=abc,v1=' + 'a'.repeat(64), null],
    ['t=1763892000', null],
    ['t=1763892000,v1=short', null],
    ['garbage', null],
    ['', null],
  ])('parses %j', (header, expected) => {
    expect(parseSignatureHeader(header)).toEqual(expected);
  });
});

describe(verifySignature.name, () => {
  const check = (header: string | undefined, now = at(T), body: string = BODY) =>
    verifySignature({ header, secret: SECRET, rawBody: body, now, toleranceSeconds: 300 });

  it('accepts the right signature within the tolerance, either way', () => {
    const header = `t=${T},v1=${VECTORS[0].hex}`;
    expect(check(header)).toBeNull();
    expect(check(header, at(T + 300))).toBeNull();
    expect(check(header, at(T - 300))).toBeNull();
  });

  it('accepts a header from signatureHeader and a Buffer body', () => {
    expect(
      verifySignature({
        header: signatureHeader(SECRET, T, BODY),
        secret: SECRET,
        rawBody: Buffer.from(BODY),
        now: at(T),
        toleranceSeconds: 300,
      }),
    ).toBeNull();
  });

  it('accepts any one of several v1 signatures (secret rotation)', () => {
    expect(check(`t=${T},v1=${'0'.repeat(64)},v1=${VECTORS[0].hex}`)).toBeNull();
  });

  it.each([
    ['older than five minutes', T + 301],
    ['more than five minutes ahead', T - 301],
  ])('refuses a timestamp %s as stale', (_label, now) => {
    expect(check(`t=${T},v1=${VECTORS[0].hex}`, at(now))).toBe('stale');
  });

  it('refuses a tampered body', () => {
    expect(check(`t=${T},v1=${VECTORS[0].hex}`, at(T), VECTORS[1].body)).toBe('mismatch');
  });

  it('refuses a changed timestamp with the old signature', () => {
    expect(check(`t=${T + 1},v1=${VECTORS[0].hex}`, at(T))).toBe('mismatch');
  });

  it('refuses another secret’s signature', () => {
    expect(check(signatureHeader('another-secret-of-16', T, BODY))).toBe('mismatch');
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['v1=abc', 'malformed'],
    [`t=${T}`, 'malformed'],
  ])('refuses header %j as %s', (header, problem) => {
    expect(check(header)).toBe(problem);
  });
});

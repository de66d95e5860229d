import {
  chunkCount,
  chunkLayoutError,
  DEFAULT_CONTENT_TYPE,
  mayViewAttachment,
  normalizeContentType,
  sanitizeFilename,
} from './attachment-rules';

describe(sanitizeFilename.name, () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['factura de marzo.pdf', 'factura de marzo.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\Desktop\\captura.png', 'captura.png'],
    ['/tmp/', 'attachment'],
    ['..', 'attachment'],
    ['', 'attachment'],
    ['   ', 'attachment'],
    ['a\u0000b\nc.txt', 'a_b_c.txt'],
    ['what?<is>"this"|*.txt', 'what__is__this___.txt'],
    ['  spaced name.txt  ', 'spaced name.txt'],
    ['trailing.dots...', 'trailing.dots'],
    ['.env', 'env'],
    ['Cafe\u0301.txt', 'Café.txt'],
    ['报告.docx', '报告.docx'],
  ])('keeps %j as %j', (raw, kept) => {
    expect(sanitizeFilename(raw)).toBe(kept);
  });

  it('cuts long names to 255 characters, keeping the extension', () => {
    const kept = sanitizeFilename(`${'x'.repeat(400)}.jpeg`);
    expect([...kept]).toHaveLength(255);
    expect(kept.endsWith('x.jpeg')).toBe(true);
  });

  it('counts characters, not UTF-16 units, when cutting', () => {
    const kept = sanitizeFilename('😀'.repeat(300));
    expect([...kept]).toHaveLength(255);
    expect(kept).toBe('😀'.repeat(255));
  });
});

describe(normalizeContentType.name, () => {
  it.each([
    ['image/png', 'image/png'],
    ['Image/PNG', 'image/png'],
    ['text/plain; charset=utf-8', 'text/plain'],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['application/ld+json', 'application/ld+json'],
    [undefined, DEFAULT_CONTENT_TYPE],
    ['', DEFAULT_CONTENT_TYPE],
    ['png', DEFAULT_CONTENT_TYPE],
    ['text/html\r\nX-Evil: 1', DEFAULT_CONTENT_TYPE],
    ['image/ png', DEFAULT_CONTENT_TYPE],
  ])('takes %j as %j', (raw, kept) => {
    expect(normalizeContentType(raw)).toBe(kept);
  });
});

describe(chunkCount.name, () => {
  it.each([
    [0, 0],
    [1, 1],
    [1024, 1],
    [1025, 2],
    [4096, 4],
    [4097, 5],
  ])('holds %i bytes in %i chunks of 1 KiB', (size, count) => {
    expect(chunkCount(size, 1024)).toBe(count);
  });
});

describe(chunkLayoutError.name, () => {
  const layout = (...bytes: number[]) => bytes.map((b, idx) => ({ idx, bytes: b }));

  it.each([
    ['an empty file without chunks', [], 0],
    ['one short chunk', layout(10), 10],
    ['one full chunk', layout(100), 100],
    ['full chunks and a short last one', layout(100, 100, 1), 201],
  ])('accepts %s', (_case, chunks, size) => {
    expect(chunkLayoutError(chunks, size, 100)).toBeNull();
  });

  it.each([
    ['a missing last chunk', layout(100), 150, 'expected 2 chunk(s) for 150 bytes, got 1'],
    ['an extra chunk', layout(100, 50, 1), 150, 'expected 2 chunk(s) for 150 bytes, got 3'],
    ['a short chunk before the last', layout(60, 90), 150, 'chunk 0 has 60 bytes, expected 100'],
    ['a last chunk of the wrong size', layout(100, 40), 150, 'chunk 1 has 40 bytes, expected 50'],
    [
      'a gap in the indexes',
      [
        { idx: 0, bytes: 100 },
        { idx: 2, bytes: 50 },
      ],
      150,
      'chunk 1 is missing',
    ],
    ['chunks for an empty file', layout(0), 0, 'expected 0 chunk(s) for 0 bytes, got 1'],
  ])('refuses %s', (_case, chunks, size, reason) => {
    expect(chunkLayoutError(chunks, size, 100)).toBe(reason);
  });
});

describe(mayViewAttachment.name, () => {
  const customer = { id: 'c1', staff: false };
  const agent = { id: 'a1', staff: true };

  it.each([
    ['staff', 'an internal note', agent, { uploaderId: 'a2', commentPublic: false }, true],
    ['staff', 'a public reply', agent, { uploaderId: 'c1', commentPublic: true }, true],
    ['staff', "someone else's upload not linked yet", agent, { uploaderId: 'c1', commentPublic: null }, true],
    ['a customer', 'an internal note', customer, { uploaderId: 'a2', commentPublic: false }, false],
    ['a customer', 'an internal note they uploaded', customer, { uploaderId: 'c1', commentPublic: false }, false],
    ['a customer', 'a public reply by staff', customer, { uploaderId: 'a2', commentPublic: true }, true],
    ['a customer', 'their own upload not linked yet', customer, { uploaderId: 'c1', commentPublic: null }, true],
    ['a customer', "someone else's upload not linked yet", customer, { uploaderId: 'a2', commentPublic: null }, false],
  ])('%s on %s: %p', (_who, _what, viewer, attachment, allowed) => {
    expect(mayViewAttachment(viewer, attachment)).toBe(allowed);
  });
});

import { attachmentDisposition, ifNoneMatchHits } from './download';

describe(attachmentDisposition.name, () => {
  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    ['factura marzo.pdf', `attachment; filename="factura marzo.pdf"; filename*=UTF-8''factura%20marzo.pdf`],
    ['año 2025 (copia).xlsx', `attachment; filename="a_o 2025 (copia).xlsx"; filename*=UTF-8''a%C3%B1o%202025%20%28copia%29.xlsx`],
    ['say "hi".txt', `attachment; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`],
    ['back\\slash 100%.txt', `attachment; filename="back_slash 100_.txt"; filename*=UTF-8''back%5Cslash%20100%25.txt`],
    ["it's*.txt", `attachment; filename="it's*.txt"; filename*=UTF-8''it%27s%2A.txt`],
    ['报告.docx', `attachment; filename="__.docx"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.docx`],
  ])('answers %j with %s', (filename, header) => {
    expect(attachmentDisposition(filename)).toBe(header);
  });

  it('never lets a line break through', () => {
    expect(attachmentDisposition('a\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
  });
});

describe(ifNoneMatchHits.name, () => {
  const etag = '"abc123"';
  it.each([
    [undefined, false],
    ['', false],
    ['"abc123"', true],
    ['W/"abc123"', true],
    ['"other", "abc123"', true],
    ['*', true],
    ['"abc12"', false],
    ['abc123', false],
  ])('If-None-Match %j: %p', (header, hit) => {
    expect(ifNoneMatchHits(header, etag)).toBe(hit);
  });
});

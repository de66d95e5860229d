import { ChunkSplitter } from './chunk-splitter';

/** Feeds pieces of the given sizes (bytes counting up) and returns the sizes of the chunks that come out. */
function split(chunkBytes: number, pieces: number[]): { sizes: number[]; bytes: Buffer } {
  const splitter = new ChunkSplitter(chunkBytes);
  let next = 0;
  const out: Buffer[] = [];
  for (const size of pieces) {
    const piece = Buffer.from(Array.from({ length: size }, () => next++ % 256));
    out.push(...splitter.push(piece));
  }
  const last = splitter.flush();
  if (last) out.push(last);
  return { sizes: out.map((b) => b.length), bytes: Buffer.concat(out) };
}

describe(ChunkSplitter.name, () => {
  it.each([
    ['nothing', [], []],
    ['an empty piece', [0], []],
    ['less than a chunk', [3], [3]],
    ['exactly a chunk', [4], [4]],
    ['a chunk and a bit', [5], [4, 1]],
    ['small pieces adding up', [1, 1, 1, 1, 1, 1], [4, 2]],
    ['pieces across chunk borders', [3, 3, 3], [4, 4, 1]],
    ['one piece of several chunks', [13], [4, 4, 4, 1]],
    ['full chunks only', [2, 6], [4, 4]],
  ])('cuts %s into %p', (_case, pieces, sizes) => {
    expect(split(4, pieces).sizes).toEqual(sizes);
  });

  it('keeps every byte in order', () => {
    const { bytes } = split(7, [5, 1, 20, 3, 0, 9]);
    expect([...bytes]).toEqual(Array.from({ length: 38 }, (_v, i) => i));
  });

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => new ChunkSplitter(0)).toThrow(RangeError);
    expect(() => new ChunkSplitter(1.5)).toThrow(RangeError);
  });
});

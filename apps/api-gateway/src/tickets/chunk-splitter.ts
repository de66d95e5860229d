/**
 * Cuts a stream of buffers of any size into chunks of exactly `chunkBytes` (the last one, from
 * `flush`, may be shorter), the unit in which attachment content crosses the bus.
 */
export class ChunkSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly chunkBytes: number) {
    if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes must be a positive integer, not ${chunkBytes}`);
  }

  /** The full chunks this data completes, in order. */
  push(data: Buffer): Buffer[] {
    const full: Buffer[] = [];
    let rest = data;
    while (this.pendingBytes + rest.length >= this.chunkBytes) {
      const take = this.chunkBytes - this.pendingBytes;
      full.push(Buffer.concat([...this.pending, rest.subarray(0, take)]));
      this.pending = [];
      this.pendingBytes = 0;
      rest = rest.subarray(take);
    }
    if (rest.length) {
      this.pending.push(rest);
      this.pendingBytes += rest.length;
    }
    return full;
  }

  /** What is left (shorter than a chunk), or null when nothing is. */
  flush(): Buffer | null {
    if (!this.pendingBytes) return null;
    const last = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return last;
  }
}

import { InboundEmailV1, InboundFileChunkView, SUBJECTS } from '@helpdesk/contracts';
import { BusClient } from '@helpdesk/platform';
import { Injectable } from '@nestjs/common';

/** The contents of an inbound message's files, by channel-gateway's file id, as chunks. */
export type FetchedFiles = ReadonlyMap<string, Buffer[]>;

/**
 * Reads an inbound mail's files from channel-gateway, chunk by chunk over the bus. It runs before
 * the intake transaction opens: a request answered by another service must never wait inside a
 * transaction (the embedded database of the standalone suite has a single connection).
 */
@Injectable()
export class InboundFilesFetcher {
  constructor(private readonly bus: BusClient) {}

  async fetch(email: InboundEmailV1 | undefined): Promise<FetchedFiles> {
    const fetched = new Map<string, Buffer[]>();
    for (const file of email?.files ?? []) {
      const chunks: Buffer[] = [];
      for (let idx = 0, count = 1; idx < count; idx += 1) {
        const chunk = await this.bus.request<InboundFileChunkView>(SUBJECTS.channel.inboundFileChunk, { fileId: file.id, idx });
        count = chunk.chunks;
        chunks.push(Buffer.from(chunk.data, 'base64'));
      }
      fetched.set(file.id, chunks);
    }
    return fetched;
  }
}

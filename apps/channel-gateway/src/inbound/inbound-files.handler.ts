import { ATTACHMENT_CHUNK_BYTES, ErrorCode, InboundFileChunkCommand, InboundFileChunkView, SUBJECTS } from '@helpdesk/contracts';
import { DomainError, sqlRows } from '@helpdesk/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

/** A mail's files as ticket-service copies them to its ticket, one chunk per request (the bus carries at most a chunk). */
@Controller()
export class InboundFilesHandler {
  constructor(private readonly dataSource: DataSource) {}

  @MessagePattern(SUBJECTS.channel.inboundFileChunk)
  async chunk(@Payload() { fileId, idx }: InboundFileChunkCommand): Promise<InboundFileChunkView> {
    const [row] = await sqlRows<{ size: number; data: Buffer | null }>(
      this.dataSource,
      `SELECT size_bytes AS size, substring(content FROM $2::int + 1 FOR $3::int) AS data FROM "channel"."inbound_files" WHERE id = $1`,
      [fileId, idx * ATTACHMENT_CHUNK_BYTES, ATTACHMENT_CHUNK_BYTES],
    );
    if (!row) throw DomainError.notFound('InboundFile', fileId);
    const chunks = Math.max(1, Math.ceil(row.size / ATTACHMENT_CHUNK_BYTES));
    if (idx >= chunks) throw new DomainError(ErrorCode.NotFound, `File ${fileId} has ${chunks} chunks`);
    return { data: (row.data ?? Buffer.alloc(0)).toString('base64'), chunks, size: row.size };
  }
}

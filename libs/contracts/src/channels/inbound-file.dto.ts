import { IsInt, IsUUID, Max, Min } from 'class-validator';

/** ticket-service reads a mail's file from channel-gateway's inbound log in chunks of ATTACHMENT_CHUNK_BYTES (channel.inbound.file.chunk). */
export class InboundFileChunkCommand {
  @IsUUID()
  fileId: string;

  @IsInt()
  @Min(0)
  @Max(4096)
  idx: number;
}

export interface InboundFileChunkView {
  /** base64 of this chunk */
  data: string;
  /** How many chunks the file has */
  chunks: number;
  size: number;
}

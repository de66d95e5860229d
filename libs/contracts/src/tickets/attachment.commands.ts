import { IsBase64, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ActorCommand } from '../common/command';
import { ATTACHMENT_CHUNK_BYTES } from './attachment.dto';
import { TicketRefCommand } from './ticket.commands';

/** More chunks than any configurable size needs (1 GiB / 256 KiB). */
const MAX_CHUNK_INDEX = 4096;

/** Starts an upload on a ticket the caller can see (ticket.attachment.begin). */
export class BeginAttachmentCommand extends TicketRefCommand {}

/** One chunk of an upload in progress; only its uploader may send it (ticket.attachment.chunk). */
export class AttachmentChunkCommand extends ActorCommand {
  @IsUUID()
  attachmentId: string;

  @IsInt()
  @Min(0)
  @Max(MAX_CHUNK_INDEX)
  idx: number;

  /** base64 of at most ATTACHMENT_CHUNK_BYTES bytes */
  @IsString()
  @MaxLength(Math.ceil(ATTACHMENT_CHUNK_BYTES / 3) * 4)
  @IsBase64()
  data: string;
}

/** Ends an upload: the service checks size and hash against what it stored (ticket.attachment.complete). */
export class CompleteAttachmentCommand extends ActorCommand {
  @IsUUID()
  attachmentId: string;

  /** As the client sent it; the service keeps a sanitized name */
  @IsString()
  @MaxLength(1024)
  filename: string;

  @IsString()
  @MaxLength(255)
  contentType: string;

  @IsInt()
  @Min(0)
  size: number;

  @Matches(/^[0-9a-f]{64}$/)
  sha256: string;
}

/** Drops an unfinished upload (ticket.attachment.abort). */
export class AbortAttachmentCommand extends ActorCommand {
  @IsUUID()
  attachmentId: string;
}

/** A chunk of an attachment's content and its metadata, for someone allowed to see it (ticket.attachment.read). */
export class ReadAttachmentCommand extends TicketRefCommand {
  @IsUUID()
  attachmentId: string;

  @IsInt()
  @Min(0)
  @Max(MAX_CHUNK_INDEX)
  idx: number;
}

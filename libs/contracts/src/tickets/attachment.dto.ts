import { ApiProperty } from '@nestjs/swagger';

/**
 * Attachment content crosses the bus in chunks of this many bytes (base64 in the message, about
 * 350 KB), well under NATS's default 1 MB max_payload. Every chunk but the last is full.
 */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024;

/** The most attachments one comment may carry. */
export const MAX_COMMENT_ATTACHMENTS = 20;

/** Where an attachment's content is downloaded from. */
export function attachmentUrl(ticketId: string, attachmentId: string): string {
  return `/api/v1/tickets/${ticketId}/attachments/${attachmentId}`;
}

/** An attachment as listed on its comment. */
export class CommentAttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'impresora-error.png' }) filename: string;
  @ApiProperty({ example: 'image/png' }) contentType: string;
  @ApiProperty({ example: 48213, description: 'Bytes' }) size: number;
  @ApiProperty({
    example: '/api/v1/tickets/6f1c1f0e-1b7e-4a57-9d53-2b4f4a6c0b11/attachments/0d9b6a8e-52c4-4f7e-8f0c-7c1c6c3b2a10',
    description: 'Download address (the same access rules as the comment)',
  })
  url: string;
}

/** An uploaded attachment. */
export class AttachmentView extends CommentAttachmentView {
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the content, hex' })
  sha256: string;

  @ApiProperty({ format: 'uuid', nullable: true, description: 'The comment it belongs to; null until a comment links it' })
  commentId: string | null;

  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The reply to ticket.attachment.begin: where the chunks go and how much may be sent. */
export interface AttachmentUploadView {
  id: string;
  maxBytes: number;
  chunkBytes: number;
}

/** One chunk of an attachment's content, with its metadata (ticket.attachment.read). */
export interface AttachmentContentView {
  attachment: AttachmentView;
  chunkCount: number;
  idx: number;
  /** base64 */
  data: string;
}

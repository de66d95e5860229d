import { createHash, randomUUID } from 'node:crypto';
import {
  AbortAttachmentCommand,
  Actor,
  ATTACHMENT_CHUNK_BYTES,
  AttachmentChunkCommand,
  AttachmentContentView,
  AttachmentUploadView,
  AttachmentView,
  attachmentUrl,
  CommentAttachmentView,
  CompleteAttachmentCommand,
  ErrorCode,
  FieldError,
  isStaff,
  TicketStatus,
} from '@helpdesk/contracts';
import { DomainError, sqlRows } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TICKET_SERVICE_CONFIG, TicketServiceConfig } from '../config/ticket-service.config';
import { Ticket } from '../tickets/ticket.entity';
import { chunkCount, chunkLayoutError, mayViewAttachment, normalizeContentType, sanitizeFilename } from './attachment-rules';

/** An upload that never completed (the gateway died, the client went away) is removed after this long. */
const ABANDONED_UPLOAD_MINUTES = 60;
/** Chunks hashed per query when an upload completes (2 MiB), so memory stays flat whatever the size. */
const HASH_BATCH_CHUNKS = 8;

interface AttachmentRow {
  id: string;
  ticket_id: string;
  comment_id: string | null;
  uploader_id: string;
  filename: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  created_at: Date;
  /** the linked comment's visibility (null when not linked) */
  comment_public: boolean | null;
}

const SELECT_ATTACHMENT = `SELECT a.id, a.ticket_id, a.comment_id, a.uploader_id, a.filename, a.content_type, a.size_bytes, a.sha256, a.created_at,
                                  c.public AS comment_public
                             FROM "ticket"."attachments" a LEFT JOIN "ticket"."ticket_comments" c ON c.id = a.comment_id`;

/**
 * Attachments of tickets: uploads arrive in chunks (the bus carries at most about 1 MB a message),
 * are checked against ATTACHMENT_MAX_BYTES and their SHA-256, and become visible when complete.
 * An attachment is as visible as its comment (see mayViewAttachment). Callers pass the ticket
 * only after checking that the actor sees it.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TICKET_SERVICE_CONFIG) private readonly config: TicketServiceConfig,
  ) {}

  /** Opens an upload on a ticket the actor sees; closed tickets take no attachments. */
  async begin(actor: Actor, ticket: Ticket): Promise<AttachmentUploadView> {
    if (ticket.status === TicketStatus.Closed) {
      throw new DomainError(ErrorCode.TicketClosed, `${ticket.number} is closed; open a follow-up ticket instead`);
    }
    await this.dataSource.query(
      `DELETE FROM "ticket"."attachments" WHERE completed_at IS NULL AND created_at < now() - make_interval(mins => $1)`,
      [ABANDONED_UPLOAD_MINUTES],
    );
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO "ticket"."attachments" (id, ticket_id, uploader_id) VALUES ($1, $2, $3)`, [
      id,
      ticket.id,
      actor.id,
    ]);
    return { id, maxBytes: this.config.attachmentMaxBytes, chunkBytes: ATTACHMENT_CHUNK_BYTES };
  }

  /**
   * Stores chunk `idx` of the actor's upload. Chunks come in order (a repeated one replaces the
   * earlier copy, so a retry is harmless); passing ATTACHMENT_MAX_BYTES drops the upload (413).
   */
  async addChunk({ actor, attachmentId, idx, data }: AttachmentChunkCommand): Promise<{ received: number }> {
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length === 0 || bytes.length > ATTACHMENT_CHUNK_BYTES) {
      throw new DomainError(ErrorCode.UnprocessableEntity, `A chunk carries 1 to ${ATTACHMENT_CHUNK_BYTES} bytes, not ${bytes.length}`);
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.lockUpload(manager, actor, attachmentId);
      const [stored] = await sqlRows<{ before: string; others: string }>(
        manager,
        `SELECT count(*) FILTER (WHERE idx < $2) AS before, coalesce(sum(octet_length(data)) FILTER (WHERE idx <> $2), 0) AS others
           FROM "ticket"."attachment_chunks" WHERE attachment_id = $1`,
        [attachmentId, idx],
      );
      if (Number(stored.before) !== idx) {
        throw new DomainError(ErrorCode.UnprocessableEntity, `Chunk ${idx} arrived before chunk ${stored.before}`);
      }
      const received = Number(stored.others) + bytes.length;
      if (received > this.config.attachmentMaxBytes) return { tooLarge: true as const };
      await manager.query(
        `INSERT INTO "ticket"."attachment_chunks" (attachment_id, idx, data) VALUES ($1, $2, $3)
         ON CONFLICT (attachment_id, idx) DO UPDATE SET data = EXCLUDED.data`,
        [attachmentId, idx, bytes],
      );
      return { tooLarge: false as const, received };
    });
    if (outcome.tooLarge) {
      await this.drop(attachmentId);
      throw this.tooLarge();
    }
    return { received: outcome.received };
  }

  /**
   * Completes the actor's upload once what is stored matches the size and SHA-256 the gateway
   * computed; a mismatch drops the upload (422). The name and type are sanitized here.
   */
  async complete(command: CompleteAttachmentCommand): Promise<AttachmentView> {
    const { actor, attachmentId, size, sha256 } = command;
    if (size > this.config.attachmentMaxBytes) {
      await this.abort({ actor, attachmentId });
      throw this.tooLarge();
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.lockUpload(manager, actor, attachmentId);
      const chunks = await sqlRows<{ idx: number; bytes: number }>(
        manager,
        `SELECT idx, octet_length(data) AS bytes FROM "ticket"."attachment_chunks" WHERE attachment_id = $1 ORDER BY idx`,
        [attachmentId],
      );
      const layoutError = chunkLayoutError(
        chunks.map((c) => ({ idx: Number(c.idx), bytes: Number(c.bytes) })),
        size,
        ATTACHMENT_CHUNK_BYTES,
      );
      if (layoutError) return { mismatch: `The stored content does not match: ${layoutError}` };
      if ((await this.contentHash(manager, attachmentId, chunks.length)) !== sha256) {
        return { mismatch: 'The stored content does not match the SHA-256 sent' };
      }
      await manager.query(
        `UPDATE "ticket"."attachments" SET filename = $2, content_type = $3, size_bytes = $4, sha256 = $5, completed_at = now() WHERE id = $1`,
        [attachmentId, sanitizeFilename(command.filename), normalizeContentType(command.contentType), size, sha256],
      );
      return { mismatch: null };
    });
    if (outcome.mismatch) {
      await this.drop(attachmentId);
      throw new DomainError(ErrorCode.UnprocessableEntity, outcome.mismatch);
    }
    const [row] = await sqlRows<AttachmentRow>(this.dataSource, `${SELECT_ATTACHMENT} WHERE a.id = $1`, [attachmentId]);
    return toAttachmentView(row);
  }

  /** Drops the actor's unfinished upload (nothing happens if it is finished or gone). */
  async abort({ actor, attachmentId }: AbortAttachmentCommand): Promise<{ aborted: boolean }> {
    const rows = await sqlRows(
      this.dataSource,
      `DELETE FROM "ticket"."attachments" WHERE id = $1 AND uploader_id = $2 AND completed_at IS NULL RETURNING id`,
      [attachmentId, actor.id],
    );
    return { aborted: rows.length > 0 };
  }

  /** The attachments of a ticket the actor sees that they may see too, oldest first. */
  async list(actor: Actor, ticket: Ticket): Promise<AttachmentView[]> {
    const rows = await sqlRows<AttachmentRow>(
      this.dataSource,
      `${SELECT_ATTACHMENT} WHERE a.ticket_id = $1 AND a.completed_at IS NOT NULL ORDER BY a.created_at, a.id`,
      [ticket.id],
    );
    return rows.filter((row) => this.mayView(actor, row)).map(toAttachmentView);
  }

  /** Chunk `idx` of an attachment with its metadata; what the actor may not see is 404, like a wrong id. */
  async read(actor: Actor, ticket: Ticket, attachmentId: string, idx: number): Promise<AttachmentContentView> {
    const [row] = await sqlRows<AttachmentRow>(
      this.dataSource,
      `${SELECT_ATTACHMENT} WHERE a.id = $1 AND a.ticket_id = $2 AND a.completed_at IS NOT NULL`,
      [attachmentId, ticket.id],
    );
    if (!row || !this.mayView(actor, row)) throw DomainError.notFound('Attachment', attachmentId);
    const count = chunkCount(Number(row.size_bytes), ATTACHMENT_CHUNK_BYTES);
    if (idx >= Math.max(count, 1)) throw DomainError.notFound('Attachment chunk', `${attachmentId}/${idx}`);
    let data = '';
    if (count > 0) {
      const [chunk] = await sqlRows<{ data: Buffer }>(
        this.dataSource,
        `SELECT data FROM "ticket"."attachment_chunks" WHERE attachment_id = $1 AND idx = $2`,
        [attachmentId, idx],
      );
      if (!chunk) throw new DomainError(ErrorCode.Internal, `Chunk ${idx} of attachment ${attachmentId} is missing`);
      data = chunk.data.toString('base64');
    }
    return { attachment: toAttachmentView(row), chunkCount: count, idx, data };
  }

  /**
   * Links the actor's uploads on this ticket to their new comment (inside the comment's
   * transaction). Each must be complete, not linked yet, on this ticket and uploaded by the actor;
   * otherwise 422 with one error per offending entry (`attachmentIds.<i>`).
   */
  async linkToComment(
    manager: EntityManager,
    link: { ticketId: string; commentId: string; actorId: string; attachmentIds: string[] },
  ): Promise<CommentAttachmentView[]> {
    if (!link.attachmentIds.length) return [];
    const rows = await sqlRows<Omit<AttachmentRow, 'comment_public'> & { completed_at: Date | null }>(
      manager,
      `SELECT * FROM "ticket"."attachments" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [link.attachmentIds],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const errors: FieldError[] = [];
    for (const [i, id] of link.attachmentIds.entries()) {
      const row = byId.get(id);
      const field = `attachmentIds.${i}`;
      if (!row || row.ticket_id !== link.ticketId || row.uploader_id !== link.actorId || !row.completed_at) {
        errors.push({ field, message: `${id} is not an attachment you uploaded to this ticket` });
      } else if (row.comment_id) {
        errors.push({ field, message: `${id} already belongs to a comment` });
      }
    }
    if (errors.length) {
      throw new DomainError(ErrorCode.UnprocessableEntity, 'Some attachments cannot be linked to this comment', { errors });
    }
    await manager.query(`UPDATE "ticket"."attachments" SET comment_id = $2 WHERE id = ANY($1::uuid[])`, [
      link.attachmentIds,
      link.commentId,
    ]);
    return link.attachmentIds.map((id) => toCommentAttachmentView({ ...byId.get(id)!, comment_public: null }));
  }

  /**
   * A file that came with a channel message (an email's attachment or inline image), stored complete
   * in the message's transaction as uploaded by its sender; link it to their comment with `linkToComment`.
   */
  async storeReceived(
    manager: EntityManager,
    file: { ticketId: string; uploaderId: string; filename: string; contentType: string; chunks: Buffer[] },
  ): Promise<string> {
    const id = randomUUID();
    const hash = createHash('sha256');
    for (const chunk of file.chunks) hash.update(chunk);
    const size = file.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    await manager.query(
      `INSERT INTO "ticket"."attachments" (id, ticket_id, uploader_id, filename, content_type, size_bytes, sha256, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [
        id,
        file.ticketId,
        file.uploaderId,
        sanitizeFilename(file.filename),
        normalizeContentType(file.contentType),
        size,
        hash.digest('hex'),
      ],
    );
    for (const [idx, chunk] of file.chunks.entries()) {
      await manager.query(`INSERT INTO "ticket"."attachment_chunks" (attachment_id, idx, data) VALUES ($1, $2, $3)`, [id, idx, chunk]);
    }
    return id;
  }

  /** The attachments of each comment, in upload order. */
  async forComments(manager: EntityManager, commentIds: string[]): Promise<Map<string, CommentAttachmentView[]>> {
    const byComment = new Map<string, CommentAttachmentView[]>();
    if (!commentIds.length) return byComment;
    const rows = await sqlRows<AttachmentRow>(
      manager,
      `${SELECT_ATTACHMENT} WHERE a.comment_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`,
      [commentIds],
    );
    for (const row of rows) {
      const list = byComment.get(row.comment_id!) ?? [];
      list.push(toCommentAttachmentView(row));
      byComment.set(row.comment_id!, list);
    }
    return byComment;
  }

  /** A merge moves every attachment of the source (with its comment, or not linked yet) to the target. */
  async moveToTicket(manager: EntityManager, fromTicketId: string, toTicketId: string): Promise<number> {
    const moved = await sqlRows(manager, `UPDATE "ticket"."attachments" SET ticket_id = $2 WHERE ticket_id = $1 RETURNING id`, [
      fromTicketId,
      toTicketId,
    ]);
    return moved.length;
  }

  private mayView(actor: Actor, row: AttachmentRow): boolean {
    return mayViewAttachment({ id: actor.id, staff: isStaff(actor) }, { uploaderId: row.uploader_id, commentPublic: row.comment_public });
  }

  /** The actor's unfinished upload, locked; anything else is 404. */
  private async lockUpload(manager: EntityManager, actor: Actor, attachmentId: string): Promise<void> {
    const rows = await sqlRows(
      manager,
      `SELECT id FROM "ticket"."attachments" WHERE id = $1 AND uploader_id = $2 AND completed_at IS NULL FOR UPDATE`,
      [attachmentId, actor.id],
    );
    if (!rows.length) throw DomainError.notFound('Upload', attachmentId);
  }

  private async contentHash(manager: EntityManager, attachmentId: string, chunks: number): Promise<string> {
    const hash = createHash('sha256');
    for (let from = 0; from < chunks; from += HASH_BATCH_CHUNKS) {
      const batch = await sqlRows<{ data: Buffer }>(
        manager,
        `SELECT data FROM "ticket"."attachment_chunks" WHERE attachment_id = $1 AND idx >= $2 AND idx < $3 ORDER BY idx`,
        [attachmentId, from, from + HASH_BATCH_CHUNKS],
      );
      for (const { data } of batch) hash.update(data);
    }
    return hash.digest('hex');
  }

  private async drop(attachmentId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "ticket"."attachments" WHERE id = $1 AND completed_at IS NULL`, [attachmentId]);
  }

  private tooLarge(): DomainError {
    const max = this.config.attachmentMaxBytes;
    return new DomainError(ErrorCode.PayloadTooLarge, `Attachments may have at most ${max} bytes`, { maxBytes: max });
  }
}

function toCommentAttachmentView(row: AttachmentRow): CommentAttachmentView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size_bytes),
    url: attachmentUrl(row.ticket_id, row.id),
  };
}

function toAttachmentView(row: AttachmentRow): AttachmentView {
  return {
    ...toCommentAttachmentView(row),
    sha256: row.sha256,
    commentId: row.comment_id,
    createdAt: row.created_at.toISOString(),
  };
}

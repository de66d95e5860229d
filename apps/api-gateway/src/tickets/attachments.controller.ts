import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import {
  Actor,
  AttachmentContentView,
  AttachmentUploadView,
  AttachmentView,
  ErrorCode,
  Role,
  STAFF_ROLES,
  SUBJECTS,
} from '@helpdesk/contracts';
import { BusClient, DomainError, Roles } from '@helpdesk/platform';
import { Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { attachmentDisposition, ifNoneMatchHits } from '../http/download';
import { ACCEPTS_MULTIPART } from '../http/multipart';
import { ticketRefParam, uuidParam } from '../http/request-params';
import { ChunkSplitter } from './chunk-splitter';

const EVERYONE = [...STAFF_ROLES, Role.Customer];

function fileRequired(message: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, message, { errors: [{ field: 'file', message }] });
}

/** Reads a stream to its end, discarding it (so the client can finish sending before the answer). */
async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // discarded
  }
}

/**
 * Ticket attachments. The gateway keeps nothing: an upload streams through it to ticket-service
 * in 256 KiB chunks (begin, chunk..., complete), and a download streams back chunk by chunk.
 */
@ApiTags('tickets')
@ApiProblems()
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class AttachmentsController {
  constructor(private readonly bus: BusClient) {}

  @Roles(...EVERYONE)
  @Post(':idOrNumber/attachments')
  @RouteConfig(ACCEPTS_MULTIPART)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload an attachment to a ticket you can see',
    description:
      'Send one file as multipart/form-data in a part named `file` (at most ATTACHMENT_MAX_BYTES, 10 MiB by default). ' +
      'Link it to your next comment with `attachmentIds`; until then only you and staff see it. ' +
      'Afterwards it is as visible as its comment: internal notes are for staff only.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The file; its name and type are kept (the name without any path)' },
      },
    },
  })
  @ApiCreatedResponse({ type: AttachmentView, headers: { Location: { description: 'Where to download it', schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No such ticket, or not visible to the caller' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than ATTACHMENT_MAX_BYTES; nothing is kept' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not multipart/form-data' })
  @ApiUnprocessableEntityResponse({ description: 'The ticket is closed (TICKET_CLOSED)' })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentView> {
    const ticketId = ticketRefParam(idOrNumber);
    if (!request.isMultipart()) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send the file as multipart/form-data, in a part named "file"');
    }
    const upload = await this.bus.request<AttachmentUploadView>(SUBJECTS.ticket.attachmentBegin, { actor, ticketId });
    try {
      const part = await request.file({ limits: { fileSize: upload.maxBytes, files: 1 }, throwFileSizeLimit: false });
      if (!part) throw fileRequired('a file part named "file" is required');
      if (part.fieldname !== 'file') {
        await drain(part.file);
        throw fileRequired(`the file must be sent in a part named "file", not "${part.fieldname}"`);
      }
      const view = await this.forward(actor, upload, part);
      void reply.header('Location', view.url);
      return view;
    } catch (error) {
      // Nothing of a failed upload stays behind (the service also drops abandoned ones).
      await this.bus.request(SUBJECTS.ticket.attachmentAbort, { actor, attachmentId: upload.id }).catch(() => undefined);
      throw error;
    }
  }

  @Roles(...EVERYONE)
  @Get(':idOrNumber/attachments')
  @ApiOperation({ summary: 'The attachments of a ticket you may see, oldest first (customers: not those of internal notes)' })
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiNotFoundResponse({ description: 'No such ticket, or not visible to the caller' })
  list(@CurrentActor() actor: Actor, @Param('idOrNumber') idOrNumber: string): Promise<AttachmentView[]> {
    return this.bus.request<AttachmentView[]>(SUBJECTS.ticket.attachmentList, { actor, ticketId: ticketRefParam(idOrNumber) });
  }

  @Roles(...EVERYONE)
  @Get(':idOrNumber/attachments/:attachmentId')
  @ApiOperation({
    summary: 'Download an attachment',
    description: 'Served as a download (Content-Disposition: attachment) with its type, size and ETag (its SHA-256).',
  })
  @ApiProduces('application/octet-stream')
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag you have; 304 if it is still this content' })
  @ApiOkResponse({ description: 'The content', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such attachment, or not visible to the caller (internal notes are for staff)' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('idOrNumber') idOrNumber: string,
    @Param('attachmentId') attachmentIdParam: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ticketId = ticketRefParam(idOrNumber);
    const attachmentId = uuidParam(attachmentIdParam, 'attachmentId');
    const first = await this.read(actor, ticketId, attachmentId, 0);
    const { attachment } = first;
    const etag = `"${attachment.sha256}"`;
    void reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
    if (ifNoneMatchHits(ifNoneMatch, etag)) {
      await reply.status(304).send();
      return;
    }
    void reply
      .header('Content-Type', attachment.contentType)
      .header('Content-Length', String(attachment.size))
      .header('Content-Disposition', attachmentDisposition(attachment.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox");
    await reply.send(Readable.from(this.content(actor, ticketId, first)));
  }

  /** Streams the file to ticket-service in chunks, hashing as it goes, then completes the upload. */
  private async forward(actor: Actor, upload: AttachmentUploadView, part: MultipartFile): Promise<AttachmentView> {
    const hash = createHash('sha256');
    const splitter = new ChunkSplitter(upload.chunkBytes);
    let size = 0;
    let idx = 0;
    const send = (data: Buffer) =>
      this.bus.request(SUBJECTS.ticket.attachmentChunk, { actor, attachmentId: upload.id, idx: idx++, data: data.toString('base64') });
    for await (const data of part.file as AsyncIterable<Buffer>) {
      size += data.length;
      hash.update(data);
      for (const chunk of splitter.push(data)) await send(chunk);
    }
    if (part.file.truncated) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `Attachments may have at most ${upload.maxBytes} bytes`, {
        maxBytes: upload.maxBytes,
      });
    }
    const last = splitter.flush();
    if (last) await send(last);
    return this.bus.request<AttachmentView>(SUBJECTS.ticket.attachmentComplete, {
      actor,
      attachmentId: upload.id,
      filename: part.filename ?? '',
      contentType: part.mimetype ?? '',
      size,
      sha256: hash.digest('hex'),
    });
  }

  /** The content, chunk by chunk, each read on the caller's behalf (the service checks access every time). */
  private async *content(actor: Actor, ticketId: string, first: AttachmentContentView): AsyncGenerator<Buffer> {
    yield Buffer.from(first.data, 'base64');
    for (let idx = 1; idx < first.chunkCount; idx++) {
      const next = await this.read(actor, ticketId, first.attachment.id, idx);
      yield Buffer.from(next.data, 'base64');
    }
  }

  private read(actor: Actor, ticketId: string, attachmentId: string, idx: number): Promise<AttachmentContentView> {
    return this.bus.request<AttachmentContentView>(SUBJECTS.ticket.attachmentRead, { actor, ticketId, attachmentId, idx });
  }
}

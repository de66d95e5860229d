import { AttachmentContentView, ReadAttachmentCommand, Role, SUBJECTS } from '@helpdesk/contracts';
import { BusClient } from '@helpdesk/platform';

/** Reads one of a ticket's attachments whole. */
export type AttachmentFetcher = (ticketId: string, attachmentId: string) => Promise<Buffer>;

/** channel-gateway as ticket-service sees it when it reads attachments to mail them (an admin: any ticket). */
const MAILER: ReadAttachmentCommand['actor'] = {
  id: '00000000-0000-4000-8000-000000000000',
  role: Role.Admin,
  email: 'channels@system.local',
  name: 'Channels',
};

/** Reads an attachment from ticket-service chunk by chunk over the bus (`ticket.attachment.read`). */
export function ticketAttachmentFetcher(bus: BusClient): AttachmentFetcher {
  return async (ticketId, attachmentId) => {
    const chunks: Buffer[] = [];
    for (let idx = 0, count = 1; idx < count; idx += 1) {
      const command: ReadAttachmentCommand = { actor: MAILER, ticketId, attachmentId, idx };
      const view = await bus.request<AttachmentContentView>(SUBJECTS.ticket.attachmentRead, command);
      count = view.chunkCount;
      chunks.push(Buffer.from(view.data, 'base64'));
    }
    return Buffer.concat(chunks);
  };
}

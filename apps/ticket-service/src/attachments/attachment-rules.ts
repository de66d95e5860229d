/** Pure rules of attachments: names, content types, chunk layout and who may see one. */

export const MAX_FILENAME_LENGTH = 255;
export const DEFAULT_FILENAME = 'attachment';
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * The name kept for an uploaded file: its last path segment (either slash), without control
 * characters or characters Windows refuses, trimmed, NFC, at most 255 characters (the extension is
 * kept when the stem is cut). Nothing usable left gives `attachment`.
 */
export function sanitizeFilename(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (!cleaned || /^_+$/.test(cleaned)) return DEFAULT_FILENAME;
  const chars = [...cleaned];
  if (chars.length <= MAX_FILENAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars.slice(0, MAX_FILENAME_LENGTH - extension.length).join('') + extension.join('');
  }
  return chars.slice(0, MAX_FILENAME_LENGTH).join('');
}

const TOKEN = '[a-z0-9!#$&^_.+-]+';
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);

/** The media type a client declared, lower-cased and without parameters; anything else is application/octet-stream. */
export function normalizeContentType(raw: string | undefined): string {
  const essence = (raw ?? '').split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(essence) && essence.length <= 255 ? essence : DEFAULT_CONTENT_TYPE;
}

/** How many chunks hold `size` bytes (an empty file has none). */
export function chunkCount(size: number, chunkBytes: number): number {
  return Math.ceil(size / chunkBytes);
}

/**
 * Why stored chunk sizes (in index order) do not make a file of `size` bytes, or null when they
 * do: indexes 0..n-1 without gaps, every chunk full but the last, which is not empty.
 */
export function chunkLayoutError(chunks: { idx: number; bytes: number }[], size: number, chunkBytes: number): string | null {
  const expected = chunkCount(size, chunkBytes);
  if (chunks.length !== expected) return `expected ${expected} chunk(s) for ${size} bytes, got ${chunks.length}`;
  for (const [position, chunk] of chunks.entries()) {
    if (chunk.idx !== position) return `chunk ${position} is missing`;
    const wanted = position < expected - 1 ? chunkBytes : size - chunkBytes * (expected - 1);
    if (chunk.bytes !== wanted) return `chunk ${position} has ${chunk.bytes} bytes, expected ${wanted}`;
  }
  return null;
}

export interface AttachmentViewer {
  id: string;
  /** agents, supervisors and admins (who already see the ticket) */
  staff: boolean;
}

export interface AttachmentPlacement {
  uploaderId: string;
  /** null: not linked to a comment yet; otherwise whether that comment is a public reply */
  commentPublic: boolean | null;
}

/**
 * Whether someone who sees the ticket may see an attachment on it (Zendesk's rule: an attachment
 * is as visible as its comment). On an internal note: staff only. On a public reply: everyone who
 * sees the ticket. Not linked yet: its uploader and staff.
 */
export function mayViewAttachment(viewer: AttachmentViewer, attachment: AttachmentPlacement): boolean {
  if (viewer.staff) return true;
  if (attachment.commentPublic === null) return attachment.uploaderId === viewer.id;
  return attachment.commentPublic;
}

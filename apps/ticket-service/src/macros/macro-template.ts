import { MACRO_CURRENT_USER, MACRO_PLACEHOLDERS, MacroActionsDto, MacroPlaceholder, UpdateTicketDto } from '@helpdesk/contracts';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a text uses that do not exist, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return [...new Set(names.filter((name) => !(MACRO_PLACEHOLDERS as readonly string[]).includes(name)))];
}

/** The text with every placeholder replaced by its value (unknown ones are left as written). */
export function renderPlaceholders(text: string, values: Record<MacroPlaceholder, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name as MacroPlaceholder] : whole,
  );
}

/** The first word of a name ("Ana María Pérez" → "Ana"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

export interface PlaceholderSources {
  ticket: { id: string; number: string; subject: string; status: string; priority: string; type: string | null; tier: number };
  requester: { name: string; email: string };
  currentUser: { name: string; email: string };
}

export function placeholderValues({ ticket, requester, currentUser }: PlaceholderSources): Record<MacroPlaceholder, string> {
  return {
    'ticket.id': ticket.id,
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
    'ticket.status': ticket.status,
    'ticket.priority': ticket.priority,
    'ticket.type': ticket.type ?? '',
    'ticket.tier': String(ticket.tier),
    'requester.name': requester.name,
    'requester.first_name': firstName(requester.name),
    'requester.email': requester.email,
    'current_user.name': currentUser.name,
    'current_user.first_name': firstName(currentUser.name),
    'current_user.email': currentUser.email,
  };
}

/** A macro's field actions as a ticket update, `current_user` resolved to the agent applying it. */
export function macroUpdate(actions: MacroActionsDto, currentUserId: string): UpdateTicketDto {
  const update: UpdateTicketDto = {};
  if (actions.status !== undefined) update.status = actions.status;
  if (actions.priority !== undefined) update.priority = actions.priority;
  if (actions.type !== undefined) update.type = actions.type;
  if (actions.teamId !== undefined) update.teamId = actions.teamId;
  if (actions.assigneeId !== undefined) update.assigneeId = actions.assigneeId === MACRO_CURRENT_USER ? currentUserId : actions.assigneeId;
  if (actions.addTags?.length) update.addTags = actions.addTags;
  if (actions.removeTags?.length) update.removeTags = actions.removeTags;
  if (actions.customFields && Object.keys(actions.customFields).length) update.customFields = actions.customFields;
  return update;
}

import { REPLY_MARKER } from '../email-content';

/** The languages the helpdesk writes its mails in; anything else falls back to Spanish. */
export type MailLocale = 'es' | 'en';

export function mailLocale(locale: string | null | undefined): MailLocale {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/** What a mail to a requester is about. */
export type MailContent =
  | { kind: 'reply'; ticketNumber: string; subject: string; authorName: string; text: string; html: string | null }
  | { kind: 'ticket_created'; ticketNumber: string; subject: string; requesterName: string }
  | { kind: 'csat'; ticketNumber: string; subject: string; requesterName: string; goodUrl: string; badUrl: string };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const WORDS = {
  es: {
    marker: `${REPLY_MARKER} Escriba su respuesta por encima de esta línea ${REPLY_MARKER}`,
    greeting: (name: string) => `Hola ${name}:`,
    created: (number: string) =>
      `Hemos recibido su solicitud y le hemos asignado el número ${number}. Un agente le responderá lo antes posible. Para añadir información, responda a este correo.`,
    csat: (number: string) => `Su solicitud ${number} se ha resuelto. ¿Qué le ha parecido la atención recibida?`,
    good: 'Buena, estoy satisfecho',
    bad: 'Mala, no estoy satisfecho',
    wrote: (name: string) => `${name} escribió:`,
    signature: 'Mesa de ayuda',
  },
  en: {
    marker: `${REPLY_MARKER} Type your reply above this line ${REPLY_MARKER}`,
    greeting: (name: string) => `Hello ${name},`,
    created: (number: string) =>
      `We have received your request and given it the number ${number}. An agent will answer as soon as possible. To add information, reply to this email.`,
    csat: (number: string) => `Your request ${number} has been solved. How would you rate the support you received?`,
    good: 'Good, I am satisfied',
    bad: 'Bad, I am not satisfied',
    wrote: (name: string) => `${name} wrote:`,
    signature: 'Help desk',
  },
} as const;

/**
 * A requester's mail in their language: the ticket's token in the subject (`[HD-000123]`, which also
 * threads a reply whose headers were lost), the reply marker on top (what a customer writes above it
 * is their reply; the rest is history), then the content. Text and HTML say the same.
 */
export function renderMail(content: MailContent, locale: MailLocale): RenderedMail {
  const w = WORDS[locale];
  const token = `[${content.ticketNumber}]`;
  switch (content.kind) {
    case 'reply': {
      const body = `${w.wrote(content.authorName)}\n\n${content.text}`;
      return {
        subject: `Re: ${token} ${content.subject}`,
        text: `${w.marker}\n\n${body}\n`,
        html: page(w.marker, `<p>${escapeHtml(w.wrote(content.authorName))}</p>${content.html ?? paragraphs(content.text)}`),
      };
    }
    case 'ticket_created': {
      const lines = [w.greeting(content.requesterName), '', w.created(content.ticketNumber), '', w.signature];
      return {
        subject: `${token} ${content.subject}`,
        text: `${w.marker}\n\n${lines.join('\n')}\n`,
        html: page(w.marker, paragraphs(lines.join('\n'))),
      };
    }
    case 'csat': {
      const intro = [w.greeting(content.requesterName), '', w.csat(content.ticketNumber)].join('\n');
      const text = `${intro}\n\n${w.good}: ${content.goodUrl}\n${w.bad}: ${content.badUrl}\n\n${w.signature}\n`;
      const links =
        `<p><a href="${escapeHtml(content.goodUrl)}">${escapeHtml(w.good)}</a></p>` +
        `<p><a href="${escapeHtml(content.badUrl)}">${escapeHtml(w.bad)}</a></p>`;
      return {
        subject: `${token} ${content.subject}`,
        text: `${w.marker}\n\n${text}`,
        html: page(w.marker, `${paragraphs(intro)}${links}${paragraphs(w.signature)}`),
      };
    }
  }
}

function page(marker: string, body: string): string {
  return `<!DOCTYPE html><html><body><p style="color:#888">${escapeHtml(marker)}</p>${body}</body></html>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

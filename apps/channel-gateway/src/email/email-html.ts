import sanitizeHtml from 'sanitize-html';

/**
 * An email's HTML made safe to show agents: no scripts, styles blocks, forms, frames, event
 * handlers or `javascript:` links; links open in a new tab without referrer; images only from
 * http(s), `data:` images and `cid:` references to the mail's own inline parts (which the ticket
 * replaces with its stored copies).
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'u', 's'],
    allowedAttributes: {
      ...sanitizeHtml.defaults.allowedAttributes,
      a: ['href', 'name', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      '*': ['style', 'align', 'dir', 'lang'],
      td: ['colspan', 'rowspan', 'width', 'valign', 'style', 'align'],
      th: ['colspan', 'rowspan', 'width', 'valign', 'style', 'align'],
      table: ['width', 'border', 'cellpadding', 'cellspacing', 'style', 'align'],
      font: ['color', 'size', 'face'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
    allowProtocolRelative: false,
    allowedStyles: {
      '*': {
        color: [/^[#a-z0-9(),.\s%]+$/i],
        'background-color': [/^[#a-z0-9(),.\s%]+$/i],
        'text-align': [/^(left|right|center|justify)$/],
        'font-weight': [/^(normal|bold|\d{3})$/],
        'font-style': [/^(normal|italic)$/],
        'text-decoration': [/^[a-z\s-]+$/],
      },
    },
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
    },
  });
}

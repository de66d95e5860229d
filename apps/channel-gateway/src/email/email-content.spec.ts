import { parseEmail, REPLY_MARKER, stripReplyMarker } from './email-content';

const LIMITS = { maxAttachmentBytes: 1024, maxAttachments: 5 };

function mail(headers: string[], body: string): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`);
}

describe('parseEmail', () => {
  it('decodes MIME subjects and names, lower-cases addresses, normalizes ids', async () => {
    const parsed = await parseEmail(
      mail(
        [
          'From: =?UTF-8?Q?Ana_L=C3=B3pez?= <Ana@Example.COM>',
          'To: Soporte@Acme.test, Otro <otro@x.com>',
          'Cc: jefe@example.com',
          'Subject: =?UTF-8?B?UmU6IEltcHJlc29yYSBbSEQtMDAwMTIzXQ==?=',
          'Message-ID: <ABC@mail.example.com>',
          'In-Reply-To: <X@y>',
          'References: <r1@y>\r\n <X@y>',
          'Thread-Index: AQHZ',
          'Date: Mon, 23 Nov 2026 10:00:00 +0100',
        ],
        'Hola,\r\nla impresora no va.\r\n',
      ),
      LIMITS,
    );
    expect(parsed).toMatchObject({
      messageId: '<abc@mail.example.com>',
      from: { address: 'ana@example.com', name: 'Ana López' },
      to: ['soporte@acme.test', 'otro@x.com'],
      cc: ['jefe@example.com'],
      subject: 'Re: Impresora [HD-000123]',
      inReplyTo: '<x@y>',
      references: ['<r1@y>', '<x@y>'],
      threadIndex: 'AQHZ',
      text: 'Hola,\nla impresora no va.',
      html: null,
      files: [],
    });
    expect(parsed.sentAt?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('sanitizes HTML, keeps cid references to inline images, derives text from HTML-only mail', async () => {
    const parsed = await parseEmail(
      mail(
        ['From: ana@example.com', 'Subject: x', 'Message-ID: <h@x>', 'Content-Type: multipart/related; boundary=b'],
        [
          '--b',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p onclick="x()">Hola <b>mundo</b><script>alert(1)</script><img src="cid:Img1"><a href="javascript:alert(2)">x</a></p>',
          '--b',
          'Content-Type: image/png',
          'Content-ID: <Img1>',
          'Content-Disposition: inline; filename=a.png',
          'Content-Transfer-Encoding: base64',
          '',
          'iVBORw0KGgo=',
          '--b--',
          '',
        ].join('\r\n'),
      ),
      LIMITS,
    );
    expect(parsed.html).not.toMatch(/script|onclick|javascript/i);
    expect(parsed.html).toContain('<img src="cid:Img1" />');
    expect(parsed.text).toContain('Hola mundo');
    expect(parsed.files).toEqual([
      expect.objectContaining({ filename: 'a.png', contentType: 'image/png', size: 8, contentId: 'img1', inline: true }),
    ]);
  });

  it('keeps attachments within the limits and lists the others as skipped', async () => {
    const big = Buffer.alloc(2000, 1).toString('base64');
    const parsed = await parseEmail(
      mail(
        ['From: ana@example.com', 'Subject: files', 'Message-ID: <f@x>', 'Content-Type: multipart/mixed; boundary=b'],
        [
          '--b',
          'Content-Type: text/plain',
          '',
          'See attached',
          '--b',
          'Content-Type: application/pdf; name="factura.pdf"',
          'Content-Disposition: attachment; filename="factura.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('%PDF-1.4 small').toString('base64'),
          '--b',
          'Content-Type: application/octet-stream',
          'Content-Disposition: attachment; filename="big.bin"',
          'Content-Transfer-Encoding: base64',
          '',
          big,
          '--b--',
          '',
        ].join('\r\n'),
      ),
      LIMITS,
    );
    expect(parsed.files.map((f) => [f.filename, f.contentType, f.inline, f.content.toString()])).toEqual([
      ['factura.pdf', 'application/pdf', false, '%PDF-1.4 small'],
    ]);
    expect(parsed.skipped).toEqual([{ filename: 'big.bin', size: 2000 }]);
  });

  it('names a mail without Message-ID by the hash of its source, the same every time', async () => {
    const source = mail(['From: ana@example.com', 'Subject: no id'], 'x');
    const first = await parseEmail(source, LIMITS);
    expect(first.messageId).toMatch(/^<[0-9a-f]{64}@hash\.invalid>$/);
    expect((await parseEmail(source, LIMITS)).messageId).toBe(first.messageId);
  });
});

describe('stripReplyMarker', () => {
  it.each([
    [`Gracias, ya funciona\n\n> ${REPLY_MARKER}\n> old text`, 'Gracias, ya funciona'],
    [`Thanks\n${REPLY_MARKER}\nquoted`, 'Thanks'],
    ['No marker at all', 'No marker at all'],
  ])('%p', (text, expected) => expect(stripReplyMarker(text)).toBe(expected));
});

import { plainText, renderMarkdown, slugify } from './markdown';

describe('renderMarkdown', () => {
  it.each([
    ['headings and lists', '## Pasos\n\n1. Uno\n2. Dos', '<h2>Pasos</h2>\n<ol>\n<li>Uno</li>\n<li>Dos</li>\n</ol>'],
    ['raw HTML is text', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['an img with a handler is text', '<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
    ['javascript: links lose their href', '[clic](javascript:alert(1))', '<p>[clic](javascript:alert(1))</p>'],
    [
      'links open safely',
      '[guía](https://example.com/a)',
      '<p><a href="https://example.com/a" rel="noopener noreferrer nofollow">guía</a></p>',
    ],
    ['code is escaped', '`<b>x</b>`', '<p><code>&lt;b&gt;x&lt;/b&gt;</code></p>'],
  ])('%s', (_name, source, html) => {
    expect(renderMarkdown(source).trim()).toBe(html);
  });

  it('never lets a script, an event handler or a javascript: URL through', () => {
    const attacks = [
      '<a href="javascript:alert(1)">x</a>',
      '[x](JaVaScRiPt:alert(1))',
      '![x](javascript:alert(1))',
      '<svg onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    ];
    for (const attack of attacks) {
      const html = renderMarkdown(attack);
      // Escaped text (&lt;…) is harmless; no real tag may carry a script.
      expect(html).not.toMatch(/<(script|svg|iframe)|<[^>]*\son\w+=|<a [^>]*href="(javascript|data):|<img [^>]*src="(javascript|data):/i);
    }
  });
});

describe('plainText', () => {
  it('keeps the words and entities of rendered HTML, one block a line', () => {
    expect(plainText('<h2>Pasos</h2><p>Reinicia &amp; espera &lt;5 min&gt;</p>')).toBe('Pasos\nReinicia & espera <5 min>');
  });
});

describe('slugify', () => {
  it.each([
    ['Qué hacer cuando la impresora no imprime', 'que-hacer-cuando-la-impresora-no-imprime'],
    ['  ¿Cómo  restablecer la contraseña?  ', 'como-restablecer-la-contrasena'],
    ['VPN: error 809', 'vpn-error-809'],
    ['¿¡!?', 'article'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

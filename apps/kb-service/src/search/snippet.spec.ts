import { AMP, GT, LT, MARK_START, MARK_STOP, plainSnippet, renderSnippet } from './snippet';

describe('renderSnippet', () => {
  it.each([
    [`la ${MARK_START}impresora${MARK_STOP} no imprime`, 'la <mark>impresora</mark> no imprime'],
    [`${LT}script${GT}alert(1)${LT}/script${GT} ${MARK_START}x${MARK_STOP}`, '&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>'],
    [`a ${AMP} b "c" 'd'`, 'a &amp; b &quot;c&quot; &#39;d&#39;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    [`${MARK_START}open ${MARK_START}twice`, '<mark>open twice</mark>'],
    [`stray${MARK_STOP} stop`, 'stray stop'],
    ['  many   spaces\n\nand lines ', 'many spaces and lines'],
    ['private \uE123use', 'private use'],
  ])('%j → %j', (headline, html) => {
    expect(renderSnippet(headline)).toBe(html);
  });
});

describe('plainSnippet', () => {
  it('escapes and cuts at a word', () => {
    expect(plainSnippet('<b>uno</b> dos tres cuatro', 16)).toBe('&lt;b&gt;uno&lt;/b&gt; dos…');
    expect(plainSnippet('corto')).toBe('corto');
  });
});

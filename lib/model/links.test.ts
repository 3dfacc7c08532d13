import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeHref } from './links';

describe('safeHref', () => {
  it('keeps http, https and mailto addresses', () => {
    expect(safeHref('https://www.aljazeera.net/news/2025/5/10/بوتين-حفتر')).toBe('https://www.aljazeera.net/news/2025/5/10/%D8%A8%D9%88%D8%AA%D9%8A%D9%86-%D8%AD%D9%81%D8%AA%D8%B1');
    expect(safeHref('http://example.com/a?b=c#d')).toBe('http://example.com/a?b=c#d');
    expect(safeHref('mailto:desk@example.com')).toBe('mailto:desk@example.com');
    expect(safeHref('  HTTPS://Example.com  ')).toBe('https://example.com/');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'not a url',
    '',
  ])('refuses %j', (address) => {
    expect(safeHref(address)).toBeNull();
  });

  it('never answers an address whose scheme is not http, https or mailto', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const href = safeHref(s);
        if (href !== null) expect(['http:', 'https:', 'mailto:']).toContain(new URL(href).protocol);
      }),
    );
  });
});

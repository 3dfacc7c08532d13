import { describe, expect, it } from 'vitest';
import { createSnapshot, DOCUMENT_SCHEMA_VERSION, targetFromText, type BilingualDocument, type Note } from '@/lib/model';
import { renderStaticHtml } from './static-html';

const NOW = '2025-05-10T12:30:00.000Z';
const HOSTILE = '<script>alert("x")</script></style><img src=x onerror=alert(1)>';

const doc: BilingualDocument = {
  schemaVersion: DOCUMENT_SCHEMA_VERSION,
  slug: 'static-test',
  title: 'عنوان المقال',
  sourceLang: 'ar',
  targetLang: 'en',
  createdAt: NOW,
  updatedAt: NOW,
  rows: [
    {
      id: 'row0000001',
      rev: 1,
      status: 'translated',
      source: [{ kind: 'title', text: 'عنوان المقال' }],
      target: targetFromText(['The Title']),
      updatedAt: NOW,
      updatedBy: null,
    },
    {
      id: 'row0000002',
      rev: 1,
      status: 'translated',
      source: [{ kind: 'paragraph', text: `فقرة أولى في 10 ماي 2025 ${HOSTILE}` }],
      target: targetFromText([`A first paragraph ${HOSTILE}`]),
      updatedAt: NOW,
      updatedBy: null,
    },
    {
      id: 'row0000003',
      rev: 1,
      status: 'untranslated',
      source: [{ kind: 'numbered', number: '١', text: 'بند أول' }],
      target: targetFromText([]),
      updatedAt: NOW,
      updatedBy: null,
    },
  ],
};

const note: Note = {
  id: 'note000001',
  rowId: 'row0000002',
  side: 'target',
  quote: { exact: 'first paragraph' },
  detached: false,
  body: `A note ${HOSTILE}`,
  author: 'layla',
  createdAt: NOW,
  updatedAt: NOW,
  status: 'open',
  visibility: 'public',
  replies: [],
};

const snapshot = createSnapshot(doc, [note], null, { now: NOW, user: 'editor', credit: 'Al-Wasat', sourceUrl: 'https://example.org/a?b=1&c=2' });

describe('renderStaticHtml', () => {
  it('is one HTML document with every row, its permalink anchor and the footnote, in the chosen layout', async () => {
    const html = await renderStaticHtml(snapshot, { layout: 'interleaved' });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')).toBe(true);
    for (const row of doc.rows) expect(html).toContain(`id="row-${row.id}"`);
    expect(html).toContain('href="#note-note000001"');
    expect(html).toContain('id="note-note000001"');
    expect(html).toMatch(/<input type="radio" id="rl-interleaved"[^>]*checked/);
    expect(html).toContain('<title>The Title · عنوان المقال</title>');
  });

  it('escapes all user text and carries no script and no address but the source link', async () => {
    const html = await renderStaticHtml(snapshot);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;');
    // The only place a user's text could close the style element is the CSS, which holds no user text.
    expect(html.split('</style>')).toHaveLength(2);
    const urls = [...html.matchAll(/(?:src|href)="(https?:[^"]*)"|url\((https?:[^)]*)\)/g)].map((m) => m[1] ?? m[2]);
    expect(urls).toEqual(['https://example.org/a?b=1&amp;c=2']);
    expect(html).toContain("default-src 'none'".replace(/'/g, '&#x27;'));
  });

  it('inlines the reader stylesheet and the Naskh face, subset to the Arabic text', async () => {
    const html = await renderStaticHtml(snapshot);
    expect(html).toContain('.r-row:target');
    expect(html).toContain('@page');
    const fonts = [...html.matchAll(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    // Arabic and Latin (digits, punctuation) subsets in two weights.
    expect(fonts).toHaveLength(4);
    for (const font of fonts) expect(font.subarray(0, 4).toString('latin1')).toBe('wOF2');
    const whole = await renderStaticHtml(snapshot, { subsetFonts: false });
    expect(whole.length).toBeGreaterThan(html.length + 50_000);
  });

  it('speaks the interface language asked for', async () => {
    const html = await renderStaticHtml(snapshot, { locale: 'ar' });
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('حواشي المترجم');
    expect(html).toContain('لم يُترجم بعد');
  });
});

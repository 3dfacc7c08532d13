import type { APIRequestContext, Page } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import { expectError, paragraph, removeTestDocument } from './hardening-helpers';
import { editorRows, openEditor, rowById, targetText, typeAndSave, uniqueSlug, type BilingualDocument } from './helpers';

/**
 * Text that a careless renderer would turn into markup, script or a link. Each is put everywhere a person can put
 * text, and must come back as the same characters, shown as text, with nothing made of it and nothing run.
 */
const PAYLOADS = [
  '<script>window.__xss=1;alert(1)</script>',
  '<img src=x onerror="window.__xss=2;alert(1)">',
  '"><svg onload=alert(1)><b>bold?</b>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click me</a>',
  "{{constructor.constructor('alert(1)')()}}",
  '</textarea><script>alert(1)</script>',
  '\u202E<img src=x onerror=alert(1)>\u202C نص عربي',
  '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<style>body{display:none}</style>',
  "'-alert(1)-' ${alert(1)} `${alert(1)}`",
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];

/** Typed into the editor with the keyboard, as a translator would. */
const TYPED = '<img src=x onerror=alert(1)> & <script>alert(2)</script>';

const TITLE = '<img src=x onerror=alert(1)> <script>alert(1)</script> عنوان';
const CREDIT = '<b onmouseover=alert(1)>الجزيرة</b> <script>alert(1)</script>';

/** Visible text of a page: its text nodes outside script, style and template, joined. */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('script, style, template, noscript')) out.push(node.nodeValue ?? '');
    }
    return out.join('\n');
  });
}

/** Nothing of a payload became an element, an attribute, a link or a script that ran. */
async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) bad.push(`<${el.localName} ${attr.name}>`);
        // Attributes a browser follows or loads (a meta description may well hold the words "javascript:").
        const followed = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster'].includes(attr.name.toLowerCase());
        if (followed && /^\s*(javascript|data|vbscript):/i.test(attr.value) && !/^data:(font|image)\//.test(attr.value) && attr.value !== 'data:,') {
          bad.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        }
      }
    }
    for (const sel of ['img[src="x"]', 'svg[onload]', 'iframe', 'math', 'mglyph', 'b[onmouseover]']) {
      if (document.querySelector(sel)) bad.push(sel);
    }
    for (const script of Array.from(document.querySelectorAll('script'))) {
      if (!script.src && /alert\(|__xss/.test(script.textContent ?? '') && !/self\.__next_f/.test(script.textContent ?? '')) bad.push('inline script with the payload');
    }
    for (const style of Array.from(document.querySelectorAll('style'))) {
      if ((style.textContent ?? '').includes('body{display:none}')) bad.push('style element from the payload');
    }
    return { bad, xss: (window as { __xss?: unknown }).__xss ?? null };
  });
  expect(found).toEqual({ bad: [], xss: null });
  expect(dialogs).toEqual([]);
}

function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

function expectShown(text: string, payloads: readonly string[]): void {
  for (const payload of payloads) expect(text, `"${payload}" is shown as text`).toContain(payload);
}

let editor: APIRequestContext;
let slug: string;
let doc: BilingualDocument;

test.beforeAll(async ({ playwright }) => {
  editor = await apiAs(playwright, 'editor');
  slug = uniqueSlug('e2e-injection');
  // The imported text: one paragraph per payload (each opened with Arabic, as a source would be), and a last row
  // that is typed into.
  const text = [...PAYLOADS.map((p, i) => `الفقرة ${i + 1}: ${p}`), 'الفقرة الأخيرة.'].join('\n\n');
  const created = await editor.post('/api/documents', { data: { text, slug, title: TITLE } });
  expect(created.status(), await created.text()).toBe(201);
  doc = (await (await editor.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
  expect(doc.title).toBe(TITLE);
  const sources = doc.rows.map((r) => r.source.map((b) => b.text).join('\n')).join('\n');
  expectShown(sources, PAYLOADS);

  // Every payload as a translation, a public note on its row and a reply.
  const rows = doc.rows.filter((r) => PAYLOADS.some((p) => r.source.some((b) => b.text.endsWith(p))));
  expect(rows).toHaveLength(PAYLOADS.length);
  for (const [i, payload] of PAYLOADS.entries()) {
    const row = rows[i]!;
    const saved = await editor.patch(`/api/documents/${slug}/rows/${row.id}`, { data: { target: paragraph(payload), status: 'translated', baseRev: row.rev } });
    expect(saved.status(), await saved.text()).toBe(200);
    const note = await editor.post(`/api/documents/${slug}/notes`, { data: { rowId: row.id, side: 'target', body: payload, visibility: 'public' } });
    expect(note.status(), await note.text()).toBe(201);
    const { id } = (await note.json()) as { id: string };
    const reply = await editor.post(`/api/documents/${slug}/notes/${id}/replies`, { data: { body: payload } });
    expect(reply.status(), await reply.text()).toBe(201);
  }
  // A source link must be a web address; the credit is text.
  for (const sourceUrl of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example']) {
    await expectError(await editor.post(`/api/documents/${slug}/publish`, { data: { sourceUrl } }), 400, 'invalid');
  }
  const published = await editor.post(`/api/documents/${slug}/publish`, { data: { credit: CREDIT, sourceUrl: 'https://example.com/?q=<script>alert(1)</script>' } });
  expect(published.status(), await published.text()).toBe(201);
  doc = (await (await editor.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
});

test.afterAll(async () => {
  removeTestDocument(slug);
  await editor.dispose();
});

test('the editor and its notes column show every payload as text, and a typed one is saved as text', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openEditor(page, slug);
  await expect(editorRows(page)).toHaveCount(PAYLOADS.length + 1);
  await expect(page.getByTestId('note')).toHaveCount(PAYLOADS.length);
  await expectInert(page, dialogs);
  expectShown(await visibleText(page), [TITLE, ...PAYLOADS]);
  for (const payload of PAYLOADS) {
    await expect(page.getByTestId('note').locator('.note-body').filter({ hasText: payload }).first()).toBeVisible();
  }
  const replies = await page.getByTestId('note-reply').locator('.note-text').allTextContents();
  expect(replies.sort()).toEqual([...PAYLOADS].sort());

  // Typed with the keyboard into the last row, saved as the same characters.
  const last = doc.rows.at(-1)!;
  await typeAndSave(page, rowById(page, last.id), TYPED);
  const saved = (await (await editor.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
  expect(targetText(saved.rows.at(-1)!.target)).toBe(TYPED);
  await expectInert(page, dialogs);

  // Rendered by the server after a reload, the same.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
  await expectInert(page, dialogs);
  expectShown(await visibleText(page), [TITLE, ...PAYLOADS, TYPED]);
});

test('the library shows the title as text', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.goto('/en');
  await expect(page.locator(`li.doc-card[data-slug="${slug}"] .doc-title-source`)).toHaveText(TITLE);
  await expectInert(page, dialogs);
});

test.describe('the published text', () => {
  test.use({ role: 'none' });

  test('the reading page shows every payload, note and the credit as text; the source link is https', async ({ page }) => {
    const dialogs = watchDialogs(page);
    for (const layout of ['side', 'interleaved', 'en']) {
      await page.goto(`/en/read/${slug}?layout=${layout}`);
      await expect(page.getByTestId('footnote')).toHaveCount(PAYLOADS.length);
      await expectInert(page, dialogs);
      expectShown(await visibleText(page), [...PAYLOADS, '<b onmouseover=alert(1)>الجزيرة</b>']);
    }
    const source = page.getByTestId('reader-credit').locator('a');
    await expect(source).toHaveAttribute('href', /^https:\/\/example\.com\//);
    const bodies = await page.getByTestId('footnote').locator('.r-fn-body').allTextContents();
    expect(bodies.sort()).toEqual([...PAYLOADS].sort());
  });

  test('the static HTML export shows them as text, and its markup holds no element made from them', async ({ page }) => {
    const response = await editor.get(`/api/documents/${slug}/export?format=html`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    // Text's own `<` is written `&lt;`, so a raw `<` opens a real tag: none may be one of the payloads'. (Their
    // attributes are checked in the DOM below: in the markup, escaped text inside an attribute looks like one.)
    expect(html).not.toMatch(/<(script|img|svg|iframe|math)\b/i);
    const dialogs = watchDialogs(page);
    await page.setContent(html);
    await expect(page.locator('[data-testid="footnote"], .r-fn')).toHaveCount(PAYLOADS.length);
    await expectInert(page, dialogs);
    expectShown(await visibleText(page), [...PAYLOADS, '<b onmouseover=alert(1)>الجزيرة</b>']);
  });

  test('the Markdown and XLIFF exports escape the payloads', async () => {
    const md = await (await editor.get(`/api/documents/${slug}/export?format=md`)).text();
    // Every `<`, `[` and `]` of the text is escaped, so no renderer of the Markdown makes a tag or a link of it.
    expect(md).not.toMatch(/(?<!\\)<(script|img|svg|iframe|a\b)|(?<!\\)\]\(javascript:/i);
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\<a href="javascript:alert(1)"\\>click me\\</a\\>');
    const xliff = await (await editor.get(`/api/documents/${slug}/export?format=xliff`)).text();
    expect(xliff).not.toMatch(/<script|<img|<svg|<iframe/i);
    expect(xliff).toContain('<target>&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;</target>');
  });
});

test('the checks catch a payload that did become markup', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.setContent('<p>x</p><img src=x onerror="window.__xss=3">');
  await expect(expectInert(page, dialogs)).rejects.toThrow();
  await page.setContent('<a href="javascript:alert(1)">x</a>');
  await expect(expectInert(page, dialogs)).rejects.toThrow();
  await page.setContent('<p>x</p>');
  await page.evaluate(() => setTimeout(() => alert(1)));
  await expect.poll(() => dialogs.length).toBe(1);
  await expect(expectInert(page, dialogs)).rejects.toThrow();
});

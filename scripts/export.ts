/**
 * Writes a published document as one self-contained HTML file (CSS and the Arabic font inlined, no script, no
 * network request), the same as GET /api/documents/:slug/export?format=html.
 *   npm run export -- SLUG [--out FILE] [--locale en|ar] [--layout side|interleaved|ar|en] [--no-subset]
 * FILE defaults to SLUG.html in the working directory; the content folder is CONTENT_DIR or content/.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderStaticHtml, type ExportLocale } from '@/lib/export/static-html';
import { getLayoutParam, isModelError, ModelError, parseReaderLayout, READER_LAYOUTS, slugSchema } from '@/lib/model';
import { getContentDir, getDocumentStore } from '@/lib/storage';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run export -- SLUG [--out FILE] [--locale en|ar] [--layout side|interleaved|ar|en] [--no-subset]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      locale: { type: 'string', default: 'en' },
      layout: { type: 'string' },
      'no-subset': { type: 'boolean', default: false },
    },
  });
  const slug = positionals[0];
  if (!slug || positionals.length > 1) throw new ModelError('invalid', USAGE);
  if (!slugSchema.safeParse(slug).success) throw new ModelError('invalid', `"${slug}" is not a valid document slug`);
  if (values.locale !== 'en' && values.locale !== 'ar') throw new ModelError('invalid', `--locale must be en or ar, not "${values.locale}"`);
  const store = getDocumentStore();
  await store.get(slug);
  const snapshot = await store.getPublished(slug);
  if (!snapshot) throw new ModelError('conflict', `"${slug}" in ${getContentDir()} is not published: publish it first`);
  const names = [...READER_LAYOUTS.map((l) => getLayoutParam(l, snapshot)), 'source', 'target'];
  if (values.layout !== undefined && !names.includes(values.layout.toLowerCase())) {
    throw new ModelError('invalid', `--layout must be one of ${names.slice(0, 4).join(', ')}; not "${values.layout}"`);
  }
  const layout = parseReaderLayout(values.layout, snapshot);
  const html = await renderStaticHtml(snapshot, {
    locale: values.locale as ExportLocale,
    layout,
    root,
    subsetFonts: !values['no-subset'],
  });
  const out = path.resolve(values.out ?? `${slug}.html`);
  await writeFile(out, html, 'utf8');
  const { size } = await stat(out);
  console.log(`Wrote ${out}: "${snapshot.title}", published version ${snapshot.version}, ${snapshot.rows.length} rows, ${(size / 1024).toFixed(1)} KB`);
}

main().catch((e: unknown) => {
  console.error(`export failed: ${isModelError(e) || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

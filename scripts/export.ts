/**
 * Writes a published document as one self-contained HTML file (CSS and the Arabic font inlined, no script, no
 * network request), the same as GET /api/documents/:slug/export?format=html.
 *   npm run export -- SLUG [--out FILE] [--locale en|ar] [--layout side|interleaved|ar|en] [--no-subset]
 * FILE defaults to SLUG.html in the working directory; the content folder is CONTENT_DIR or content/.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { staticHtmlPage } from '@/components/reader/static-html';
import { getLayoutParam, isModelError, ModelError, READER_LAYOUTS, slugSchema } from '@/lib/model';
import { exportPublishedHtml, getPublishedForExport } from '@/lib/service/export';
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
  const snapshot = await getPublishedForExport(slug);
  const names = [...READER_LAYOUTS.map((l) => getLayoutParam(l, snapshot)), 'source', 'target'];
  if (values.layout !== undefined && !names.includes(values.layout.toLowerCase())) {
    throw new ModelError('invalid', `--layout must be one of ${names.slice(0, 4).join(', ')}; not "${values.layout}"`);
  }
  const { body: html } = await exportPublishedHtml(slug, { locale: values.locale, layout: values.layout, subsetFonts: !values['no-subset'] }, staticHtmlPage);
  const out = path.resolve(values.out ?? `${slug}.html`);
  await writeFile(out, html, 'utf8');
  const { size } = await stat(out);
  console.log(`Wrote ${out}: "${snapshot.title}", published version ${snapshot.version}, ${snapshot.rows.length} rows, ${(size / 1024).toFixed(1)} KB`);
}

main().catch((e: unknown) => {
  console.error(`export failed: ${isModelError(e) || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

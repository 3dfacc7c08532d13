/**
 * Imports a plain-text, Markdown or Word (.docx) file as a new document under the content folder.
 *   npm run import -- FILE [--slug S] [--title T] [--source-lang ar] [--target-lang en]
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createDocumentRequestSchema, isModelError, parseWith } from '@/lib/model';
import { createDocument } from '@/lib/service/documents';
import { createDocumentFromWord } from '@/lib/service/word';
import { getContentDir } from '@/lib/storage';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      title: { type: 'string' },
      'source-lang': { type: 'string' },
      'target-lang': { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new Error('usage: npm run import -- FILE [--slug S] [--title T] [--source-lang ar] [--target-lang en]');
  }
  if (/\.docx$/i.test(file)) {
    const request = { title: values.title, slug: values.slug, sourceLang: values['source-lang'], targetLang: values['target-lang'] };
    if (request.slug !== undefined) parseWith(createDocumentRequestSchema.shape.slug, request.slug, 'arguments');
    const { doc, skipped } = await createDocumentFromWord(await readFile(file), request, null);
    console.log(`Imported ${doc.rows.length} rows (${doc.sourceLang}→${doc.targetLang}) as "${doc.slug}" into ${getContentDir()}/documents/${doc.slug}`);
    for (const s of skipped) console.log(`  not imported: ${s.kind} ${s.row ? `in row ${s.row}` : `after row ${s.afterRow}`}${s.text ? ` (“${s.text}”)` : ''}`);
    return;
  }
  const text = await readFile(file, 'utf8');
  const request = parseWith(
    createDocumentRequestSchema,
    { text, title: values.title, slug: values.slug, sourceLang: values['source-lang'], targetLang: values['target-lang'] },
    'arguments',
  );
  const doc = await createDocument(request, null);
  console.log(`Imported ${doc.rows.length} rows as "${doc.slug}" into ${getContentDir()}/documents/${doc.slug}`);
}

main().catch((e: unknown) => {
  console.error(`import failed: ${isModelError(e) || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

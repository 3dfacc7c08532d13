import fs from 'node:fs';
import path from 'node:path';

/** The repository's seed content, which the tests never write to. */
const SEED_CONTENT_DIR = path.resolve(import.meta.dirname, '..', 'content');

/** The temporary content folder the server under test reads and writes (set by playwright.config.ts). */
export function contentDir(): string {
  const dir = process.env.E2E_CONTENT_DIR;
  if (!dir) throw new Error('E2E_CONTENT_DIR is not set: run the tests through playwright.config.ts.');
  return dir;
}

function documentDir(root: string, slug: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(slug) || slug.includes('..')) {
    throw new Error(`Not a document slug: ${JSON.stringify(slug)}`);
  }
  return path.join(root, 'documents', slug);
}

/** The document as the server last saved it in the test content folder. */
export function readDocumentJson<T = unknown>(slug: string): T {
  const file = path.join(documentDir(contentDir(), slug), 'document.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function touchAll(dir: string, when: Date): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) touchAll(full, when);
    else fs.utimesSync(full, when, when);
  }
}

/**
 * Puts the seed copy of a document back into the test content folder, dropping whatever the tests
 * wrote there. Every file gets a fresh mtime, because the server caches parsed documents by mtime and size.
 */
export function resetDocument(slug: string): void {
  const from = documentDir(SEED_CONTENT_DIR, slug);
  const to = documentDir(contentDir(), slug);
  if (!fs.existsSync(from)) throw new Error(`No seed document ${slug} in ${from}`);
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  touchAll(to, new Date());
}

import path from 'node:path';
import type { DocumentStore } from './document-store';
import { FileGlossaryStore } from './file-glossary-store';
import { FileDocumentStore } from './file-store';
import type { GlossaryStore } from './glossary-store';
import { FileMemoryStore, type MemoryStore } from './memory-store';

export type { BrokenDocument, DocumentStore } from './document-store';
export { FileDocumentStore } from './file-store';
export type { GlossaryChangeMeta, GlossaryStore } from './glossary-store';
export { FileGlossaryStore } from './file-glossary-store';
export { FileMemoryStore, type MemoryStore, type MemoryUpsertCounts } from './memory-store';

/** The content folder: `CONTENT_DIR` when set (tests, deployments), else `content/` in the project. */
export function getContentDir(): string {
  return path.resolve(process.env.CONTENT_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), 'content'));
}

const globalStore = globalThis as unknown as { __documentStore?: DocumentStore };

/** The one store of this server process (kept on globalThis so dev-mode reloads share its locks and cache). */
export function getDocumentStore(): DocumentStore {
  globalStore.__documentStore ??= new FileDocumentStore(getContentDir());
  return globalStore.__documentStore;
}

const globalGlossary = globalThis as unknown as { __glossaryStore?: GlossaryStore };

/** The glossary of this server process's content folder (on globalThis for the same reason as the documents). */
export function getGlossaryStore(): GlossaryStore {
  globalGlossary.__glossaryStore ??= new FileGlossaryStore(getContentDir());
  return globalGlossary.__glossaryStore;
}

const globalMemory = globalThis as unknown as { __memoryStore?: MemoryStore };

/** The translation memory of this server process (on globalThis, like the document store, for its lock and cache). */
export function getMemoryStore(): MemoryStore {
  globalMemory.__memoryStore ??= new FileMemoryStore(getContentDir());
  return globalMemory.__memoryStore;
}

import { randomBytes } from 'node:crypto';
import { link, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ModelError } from '@/lib/model';

/**
 * Pretty-printed JSON, one array element per line group, ending in a newline: readable in `git diff`. Key order
 * is the order of the value's keys, which the callers fix by passing it through its zod schema first.
 */
export function toPrettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes a file so that readers see either the old or the new content, never a half: a temporary file in the
 * same folder, fsynced, then renamed over the old one.
 */
export async function writeJsonAtomic(file: string, value: unknown, options: { mode?: number } = {}): Promise<void> {
  await writeFileAtomic(file, toPrettyJson(value), { encoding: 'utf8', fsync: true, ...options });
}

/** Reads and parses a JSON file; a syntax error names the file. Missing files throw ModelError 'not-found'. */
export async function readJsonFile(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelError('not-found', `${label} does not exist`);
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelError('corrupt', `${label}: not valid JSON (${(e as Error).message})`);
  }
}

/**
 * Creates a file that must not exist yet, atomically: the content is written and fsynced under a temporary name,
 * then hard-linked to its name, which fails with EEXIST if someone (another process too) created it first.
 */
export async function createJsonExclusive(file: string, value: unknown): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(toPrettyJson(value), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
  } finally {
    await unlink(temp);
  }
}

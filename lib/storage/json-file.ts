import { readFile } from 'node:fs/promises';
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
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, toPrettyJson(value), { encoding: 'utf8', fsync: true });
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

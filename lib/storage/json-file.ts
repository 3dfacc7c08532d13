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

/** Elements of a large top-level array written at a time by prettyJsonPieces. */
const PIECE_ELEMENTS = 200;

/**
 * toPrettyJson in pieces whose concatenation is exactly its text: the elements of a top-level object's large
 * arrays (a document's rows) come a batch at a time, so a writer can let other requests in between pieces rather
 * than build a 5 MB string in one go.
 */
export function* prettyJsonPieces(value: unknown): Generator<string, void, void> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as { toJSON?: unknown }).toJSON !== undefined) {
    yield toPrettyJson(value);
    return;
  }
  const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (!entries.length) {
    yield '{}\n';
    return;
  }
  let head = '{\n';
  for (const [i, [key, v]] of entries.entries()) {
    const end = i < entries.length - 1 ? ',\n' : '\n';
    if (!Array.isArray(v) || v.length <= PIECE_ELEMENTS) {
      head += `  ${JSON.stringify(key)}: ${indent(JSON.stringify(v, null, 2) ?? 'null', '  ')}${end}`;
      continue;
    }
    yield `${head}  ${JSON.stringify(key)}: [\n`;
    head = '';
    for (let k = 0; k < v.length; k += PIECE_ELEMENTS) {
      const batch = v.slice(k, k + PIECE_ELEMENTS).map((el) => `    ${indent(JSON.stringify(el, null, 2) ?? 'null', '    ')}`);
      yield `${batch.join(',\n')}${k + PIECE_ELEMENTS < v.length ? ',\n' : '\n'}`;
    }
    head = `  ]${end}`;
  }
  yield `${head}}\n`;
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
    // Piece by piece: a new 10,000-row document is 5 MB of JSON, too much for one turn of the event loop.
    for (const piece of prettyJsonPieces(value)) await handle.writeFile(piece, 'utf8');
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

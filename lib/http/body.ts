import type { z } from 'zod';
import { ModelError, parseWith } from '@/lib/model';

/** The body limits live with the model, where the browser reads the same numbers. */
export { BODY_LIMITS } from '@/lib/model/limits';

/**
 * Reads a request body as bytes, refusing it with 'too-large' as soon as it passes `maxBytes` (by its declared
 * length, or while streaming when none is declared), so a huge body is never held whole.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  const tooLarge = () => new ModelError('too-large', `request body is larger than ${Math.round(maxBytes / 1024)} KB`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a request body as UTF-8 text, with the limit of readBodyBytes. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false }).decode(await readBodyBytes(request, maxBytes));
}

/** Reads and validates a JSON body: malformed JSON and schema errors are 'invalid' with the field named. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  return parseJsonBody(await readBodyText(request, maxBytes), schema);
}

/** Parses a body already read as text (when its type or emptiness decides how to read it), as readJsonBody does. */
export function parseJsonBody<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelError('invalid', 'request body is not valid JSON');
  }
  return parseWith(schema, json, 'request body');
}

/** Like readJsonBody, but an empty body is `{}`: for actions whose options all have defaults. */
export async function readOptionalJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const text = await readBodyText(request, maxBytes);
  if (!text.trim()) return parseWith(schema, {}, 'request body');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelError('invalid', 'request body is not valid JSON');
  }
  return parseWith(schema, json, 'request body');
}

import type { z } from 'zod';
import { ModelError, parseWith } from '@/lib/model';

/**
 * Reads a URL's query with a strict zod object schema: an unknown or repeated parameter and a bad value are
 * 'invalid' (400) naming the parameter, before anything is read from disk.
 */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in query) throw new ModelError('invalid', `query: ${key}: given more than once`);
    query[key] = value;
  }
  return parseWith(schema, query, 'query');
}

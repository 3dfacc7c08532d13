import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fresh from 'fresh';

let buildId: string | undefined;

/**
 * The id of the running build (Next writes it to BUILD_ID in the dist folder, which next.config.js names from
 * NEXT_DIST_DIR), so the validators of pages the app renders itself change with the code that renders them. A
 * server without the file (`next dev`) gets a random id per process: its pages are never taken as unchanged
 * across restarts.
 */
export function getBuildId(): string {
  if (buildId === undefined) {
    try {
      const file = path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
      buildId = readFileSync(/*turbopackIgnore: true*/ file, 'utf8').trim() || randomUUID();
    } catch {
      buildId = randomUUID();
    }
  }
  return buildId;
}

/**
 * A strong ETag naming one rendering of a page: the parts that decide its bytes (a published version, the
 * locale, the layout…) and the build, hashed so the header stays short and tells nothing of them.
 */
export function makeEtag(parts: readonly (string | number)[]): string {
  const hash = createHash('sha256').update(JSON.stringify([getBuildId(), ...parts])).digest('base64url').slice(0, 27);
  return `"${hash}"`;
}

/**
 * True when the request's validators (`If-None-Match`, or `If-Modified-Since` without one) show the client holds
 * the response these headers describe, so a 304 with no body answers it. `Cache-Control: no-cache` in the request
 * asks for the whole response.
 */
export function isFresh(request: Request, responseHeaders: { etag: string; 'last-modified'?: string }): boolean {
  const get = (name: string) => request.headers.get(name) ?? undefined;
  return fresh(
    { 'if-none-match': get('if-none-match'), 'if-modified-since': get('if-modified-since'), 'cache-control': get('cache-control') },
    responseHeaders,
  );
}

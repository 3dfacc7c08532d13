/**
 * JavaScript a page costs: the files summed as they are and gzipped (level 6, as most servers and CDNs send
 * them). Each file is fetched once per run (the answers are cached by URL).
 */
import { gzipSync } from 'node:zlib';

export interface ScriptBytes {
  files: number;
  bytes: number;
  gzipBytes: number;
}

const sizes = new Map<string, Promise<{ bytes: number; gzipBytes: number }>>();

function sizeOf(url: string): Promise<{ bytes: number; gzipBytes: number }> {
  let found = sizes.get(url);
  if (!found) {
    found = fetch(url, { headers: { 'accept-encoding': 'identity' } }).then(async (response) => {
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      return { bytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length };
    });
    sizes.set(url, found);
  }
  return found;
}

/** The sum over these script URLs, each counted once. */
export async function sumScripts(urls: Iterable<string>): Promise<ScriptBytes> {
  const unique = [...new Set(urls)];
  const all = await Promise.all(unique.map(sizeOf));
  return { files: unique.length, bytes: all.reduce((s, v) => s + v.bytes, 0), gzipBytes: all.reduce((s, v) => s + v.gzipBytes, 0) };
}

/** The `<script src>` URLs of a page's HTML, resolved against its address (`nomodule` polyfills left out). */
export function findScriptUrls(html: string, pageUrl: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/gi)]
    .filter((m) => !/\snomodule\b/i.test(m[1]!))
    .flatMap((m) => {
      const src = /\ssrc="([^"]+)"/i.exec(m[1]!)?.[1];
      return src ? [new URL(src.replace(/&amp;/g, '&'), pageUrl).href] : [];
    });
}

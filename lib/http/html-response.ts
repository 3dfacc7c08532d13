import { LRUCache } from 'lru-cache';
import { isFresh } from './conditional';

/**
 * Pages the app writes itself, kept by their ETag: a strong validator names the bytes, so a page rendered once
 * answers every later request for the same validator (a 1,000-row reading page takes ~150 ms to render). Bounded
 * by size; least recently used pages go first.
 */
const rendered = new LRUCache<string, string>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (html) => Math.max(1, html.length) });

interface HtmlOptions {
  /** Content-Security-Policy of the page. */
  policy: string;
  /** Headers that select the variant (`Cookie` when the frame shows whether someone is signed in). */
  vary?: string;
}

function baseHeaders(options: HtmlOptions, cacheControl: string): Headers {
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': cacheControl, 'content-security-policy': options.policy });
  if (options.vary) headers.set('vary', options.vary);
  return headers;
}

/**
 * A page that may be cached anywhere and must be revalidated on every use (`public, no-cache`): 304 with no body
 * when the request's `If-None-Match` holds `etag`, else the page, rendered by `render` unless already kept.
 */
export async function cachedHtmlResponse(request: Request, etag: string, render: () => Promise<string>, options: HtmlOptions): Promise<Response> {
  const headers = baseHeaders(options, 'public, no-cache');
  headers.set('etag', etag);
  if (isFresh(request, { etag })) return new Response(null, { status: 304, headers });
  let html = rendered.get(etag);
  if (html === undefined) {
    html = await render();
    rendered.set(etag, html);
  }
  return new Response(request.method === 'HEAD' ? null : html, { status: 200, headers });
}

/** A page that is never stored (not found, a broken file, a page whose detail depends on who asks). */
export function uncachedHtmlResponse(html: string, status: number, options: HtmlOptions): Response {
  return new Response(html, { status, headers: baseHeaders(options, 'no-store') });
}

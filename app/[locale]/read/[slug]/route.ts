import type { NextRequest } from 'next/server';
import { getPlainAssets } from '@/components/reader/plain-assets';
import {
  getReadingPath,
  isPlainLocale,
  renderBrokenPage,
  renderNotFoundPage,
  renderReadingPage,
  type PlainFrame,
} from '@/components/reader/plain-html';
import { SESSION_COOKIE } from '@/lib/auth/cookie-name';
import { getCurrentUser } from '@/lib/auth/current-user';
import { makeEtag } from '@/lib/http/conditional';
import { cachedHtmlResponse, uncachedHtmlResponse } from '@/lib/http/html-response';
import { parseReaderLayout } from '@/lib/model';
import { readPublished } from '@/lib/service/publish';

export const dynamic = 'force-dynamic';

/**
 * The published bilingual page: public, written on the server from the frozen snapshot as one HTML document with
 * its CSS inline and no framework script (at most the few hundred bytes of plain-assets.ts's enhancement), so it
 * is complete without JavaScript and quick on a phone. A route handler rather than a page because the App Router
 * always sends its runtime with a page. The layout comes from `?layout=`.
 *
 * Cached per published version: a strong ETag of the version, locale, layout, signed-in frame and build, with
 * `public, no-cache`, so a repeat visit is a 304. Nothing of the editor is imported here.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  const { policy } = await getPlainAssets();
  const signedIn = request.cookies.has(SESSION_COOKIE);
  const frame: PlainFrame = { locale: isPlainLocale(locale) ? locale : 'en', signedIn, path: `/read/${slug}` };
  const found = isPlainLocale(locale) ? await readPublished(slug) : null;
  if (!found) return uncachedHtmlResponse(await renderNotFoundPage(frame), 404, { policy });
  if ('broken' in found) {
    const user = await getCurrentUser().catch(() => null);
    return uncachedHtmlResponse(await renderBrokenPage(user ? found.broken : null, frame), 200, { policy });
  }
  const { snapshot } = found;
  const asked = request.nextUrl.searchParams.get('layout');
  const layout = parseReaderLayout(asked ?? undefined, snapshot);
  const path = getReadingPath(snapshot, asked === null ? null : layout);
  const etag = makeEtag(['read', snapshot.slug, snapshot.version, snapshot.publishedAt, frame.locale, layout, asked === null ? 0 : 1, signedIn ? 1 : 0]);
  return cachedHtmlResponse(request, etag, () => renderReadingPage(snapshot, layout, { ...frame, path }), { policy, vary: 'Cookie' });
}

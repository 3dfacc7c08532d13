import type { NextRequest } from 'next/server';
import { getPlainAssets } from '@/components/reader/plain-assets';
import { isPlainLocale, renderNotFoundPage, renderReadIndexPage, type PlainFrame } from '@/components/reader/plain-html';
import { SESSION_COOKIE } from '@/lib/auth/cookie-name';
import { makeEtag } from '@/lib/http/conditional';
import { cachedHtmlResponse, uncachedHtmlResponse } from '@/lib/http/html-response';
import { listPublished } from '@/lib/service/publish';

export const dynamic = 'force-dynamic';

/**
 * The public index: every published document, most recently published first, as plain HTML with no script
 * (see ./[slug]/route.ts). Its ETag names what it lists (each document's version), the locale and the frame.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const { policy } = await getPlainAssets();
  const signedIn = request.cookies.has(SESSION_COOKIE);
  if (!isPlainLocale(locale)) return uncachedHtmlResponse(await renderNotFoundPage({ locale: 'en', signedIn, path: '/read' }), 404, { policy });
  const frame: PlainFrame = { locale, signedIn, path: '/read' };
  const documents = await listPublished();
  const etag = makeEtag(['index', frame.locale, signedIn ? 1 : 0, ...documents.flatMap((d) => [d.slug, d.version, d.publishedAt])]);
  return cachedHtmlResponse(request, etag, () => renderReadIndexPage(documents, frame), { policy, vary: 'Cookie' });
}

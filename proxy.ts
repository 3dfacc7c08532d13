import { NextResponse, type NextRequest } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { SESSION_COOKIE } from './lib/auth/cookie-name';
import { routing } from './i18n/routing';

const intl = createMiddleware(routing);

/** Pages anyone may open: sign-in itself and the published reading pages. */
const PUBLIC_PAGES = /^\/(sign-in|read)(\/|$)/;

/**
 * Localized routing, and a first gate: a page that needs a sign-in, requested without a session cookie, goes to
 * the sign-in page (which brings the person back). Pages check the session itself again on the server.
 */
export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const match = /^\/(en|ar)(\/.*)?$/.exec(pathname);
  if (match && !PUBLIC_PAGES.test(match[2] ?? '/') && !request.cookies.has(SESSION_COOKIE)) {
    const url = request.nextUrl.clone();
    url.pathname = `/${match[1]}/sign-in`;
    url.search = `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return intl(request);
}

export const config = {
  matcher: '/((?!api|_next|_vercel|.*\\..*).*)',
};

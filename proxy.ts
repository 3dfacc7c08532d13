import { NextRequest, NextResponse } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { SESSION_COOKIE } from './lib/auth/cookie-name';
import { contentSecurityPolicy, makeNonce } from './lib/http/security-headers';
import { routing } from './i18n/routing';

const intl = createMiddleware(routing);

/** Pages anyone may open: sign-in itself and the published reading pages. */
const PUBLIC_PAGES = /^\/(sign-in|read)(\/|$)/;

/**
 * The public reading pages (app/[locale]/read/) are written by route handlers with no framework script and carry
 * their own, stricter policy (hashes, no nonce, so one cached page serves everyone): the nonce policy is not theirs.
 */
const OWN_POLICY_PAGES = /^\/read(\/|$)/;

/**
 * Localized routing, a per-request Content-Security-Policy, and a first gate: a page that needs a sign-in,
 * requested without a session cookie, goes to the sign-in page (which brings the person back). Pages check the
 * session itself again on the server.
 *
 * The policy travels on the request too: Next reads the nonce from it and puts it on every script it renders.
 */
export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const csp = contentSecurityPolicy({ nonce: makeNonce(), dev: process.env.NODE_ENV === 'development' });
  const match = /^\/(en|ar)(\/.*)?$/.exec(pathname);
  let response: NextResponse;
  if (match && !PUBLIC_PAGES.test(match[2] ?? '/') && !request.cookies.has(SESSION_COOKIE)) {
    const url = request.nextUrl.clone();
    url.pathname = `/${match[1]}/sign-in`;
    url.search = `?next=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', csp);
    response = intl(new NextRequest(request, { headers }));
  }
  if (!(match && OWN_POLICY_PAGES.test(match[2] ?? '/'))) response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: '/((?!api|_next|_vercel|.*\\..*).*)',
};

import { ModelError } from '@/lib/model';

/**
 * Where the app is, as people's browsers see it, and who is asking. `APP_ORIGIN` (e.g. `https://translate.example.org`)
 * names the public origin; without it, the request's own scheme, host and port are taken. `X-Forwarded-*` headers
 * count only with `TRUST_PROXY=1` (the app behind one reverse proxy that sets them); otherwise the front door
 * (lib/http/front-door.ts) replaces whatever a client sent with what the connection itself says.
 */

/** True when a reverse proxy in front of the app is trusted to set `X-Forwarded-*`. */
export function trustsProxy(): boolean {
  return process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';
}

let configured: { value: string; origin: string } | null = null;

/** `APP_ORIGIN` as an origin (scheme, host and port), or null when unset; a malformed one is a configuration error. */
export function getConfiguredOrigin(): string | null {
  const value = process.env.APP_ORIGIN;
  if (!value) return null;
  if (configured?.value !== value) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`APP_ORIGIN must be an origin such as https://translate.example.org, not "${value}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`APP_ORIGIN must start with https:// or http://, not "${value}"`);
    configured = { value, origin: url.origin };
  }
  return configured.origin;
}

const firstValue = (header: string | null): string | null => header?.split(',')[0]?.trim() || null;

/** The app's public origin for a request with these headers. */
export function getPublicOrigin(headers: Headers): string {
  const origin = getConfiguredOrigin();
  if (origin) return origin;
  const host = (trustsProxy() && firstValue(headers.get('x-forwarded-host'))) || headers.get('host') || 'localhost';
  // Next sets X-Forwarded-Proto from the connection when nobody else may (see front-door.ts).
  const proto = firstValue(headers.get('x-forwarded-proto')) === 'https' ? 'https' : 'http';
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    throw new ModelError('invalid', 'the request names no valid host');
  }
}

/** True when the app is served over https, so cookies must be `Secure`. */
export function isSecureOrigin(headers: Headers): boolean {
  return getPublicOrigin(headers).startsWith('https:');
}

/** The address a request came from: the connection's own, or the one a trusted proxy saw. */
export function getClientAddress(headers: Headers): string {
  const list = (headers.get('x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  // A trusted proxy appends the address it saw; without one, the front door left only the connection's.
  return list[list.length - 1] ?? 'unknown';
}

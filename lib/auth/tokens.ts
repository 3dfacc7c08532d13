import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TokenRecord } from './users-file';

export type { TokenRecord } from './users-file';

const TOKEN_PATTERN = /^be_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * A new API token `be_<id>_<secret>` (256 random bits) and the record to store for it: never the token itself,
 * only its SHA-256, and when it expires (none: until revoked).
 */
export function createToken(now: string, expiresAt?: string): { token: string; record: TokenRecord } {
  const id = randomBytes(6).toString('hex').slice(0, 8);
  const token = `be_${id}_${randomBytes(32).toString('base64url')}`;
  return { token, record: { id, hash: sha256(token), createdAt: now, ...(expiresAt && { expiresAt }) } };
}

/** The token's id when it is well-formed, else null. */
export function getTokenId(token: string): string | null {
  return TOKEN_PATTERN.exec(token)?.[1] ?? null;
}

/** True when `token` is the one `record` was made for (constant-time comparison of the hashes). */
export function matchesToken(token: string, record: TokenRecord): boolean {
  const a = Buffer.from(sha256(token));
  const b = Buffer.from(record.hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True once the token's expiry has passed. */
export function isTokenExpired(record: TokenRecord, now = Date.now()): boolean {
  return record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now;
}

const DURATION = /^([1-9][0-9]{0,4})([hdwy])$/;
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000 } as const;

/** `90d`, `12h`, `2w`, `1y` as milliseconds, or null when it is not such a duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : null;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What the users file keeps of an API token: never the token itself, only its SHA-256. */
export interface TokenRecord {
  id: string;
  hash: string;
  createdAt: string;
}

const TOKEN_PATTERN = /^be_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** A new API token `be_<id>_<secret>` (256 random bits) and the record to store for it. */
export function createToken(now: string): { token: string; record: TokenRecord } {
  const id = randomBytes(6).toString('hex').slice(0, 8);
  const token = `be_${id}_${randomBytes(32).toString('base64url')}`;
  return { token, record: { id, hash: sha256(token), createdAt: now } };
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

import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ModelError, parseWith, roleSchema, type Role } from '@/lib/model';
import { writeJsonAtomic } from '@/lib/storage/json-file';

/** User names: short, no spaces, safe in a cookie and a log line. */
export const userNameSchema = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'may hold only a-z, 0-9, dot, hyphen and underscore');

/** A display name: what people are shown as; "" (when setting it) removes it. */
export const displayNameSchema = z
  .string()
  .trim()
  .max(80, 'must be at most 80 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'must not hold control characters');

const tokenSchema = z.strictObject({
  id: z.string(),
  hash: z.string(),
  createdAt: z.iso.datetime(),
  /** After this the token is refused; none: it lasts until revoked. */
  expiresAt: z.iso.datetime().optional(),
});

const userSchema = z.strictObject({
  /** Made when the user is added: a name removed and added again is another user, and old cookies name the old one. */
  id: z.string().min(1).max(64),
  name: userNameSchema,
  role: roleSchema,
  /** The name shown for the person in history, footnotes and "published by" (their user name when absent). */
  displayName: displayNameSchema.pipe(z.string().min(1)).optional(),
  passwordHash: z.string().min(1),
  /** Raised by a new password, a new role and signing out everywhere: cookies of an older version are refused. */
  sessionVersion: z.number().int().min(1),
  /** Sessions signed out before their cookie expires (`until`), so a copy of the cookie stays refused. */
  endedSessions: z.array(z.strictObject({ id: z.string().min(1).max(64), until: z.iso.datetime() })),
  tokens: z.array(tokenSchema),
  createdAt: z.iso.datetime(),
});

const usersFileSchema = z.strictObject({ schemaVersion: z.literal(2), users: z.array(userSchema) });

/** The first shape of the file: no user ids, session versions or token expiry. Read, and written back as version 2. */
const usersFileV1Schema = z.strictObject({
  schemaVersion: z.literal(1),
  users: z.array(
    z.strictObject({
      name: userNameSchema,
      role: roleSchema,
      passwordHash: z.string().min(1),
      tokens: z.array(z.strictObject({ id: z.string(), hash: z.string(), createdAt: z.iso.datetime() })),
      createdAt: z.iso.datetime(),
    }),
  ),
});

export type UserRecord = z.infer<typeof userSchema>;
export type TokenRecord = z.infer<typeof tokenSchema>;
export type UsersFile = z.infer<typeof usersFileSchema>;

/** A signed-in person as the app sees them. */
export interface SessionUser {
  name: string;
  role: Role;
  /** A development-mode demo person (no users file). */
  demo?: boolean;
}

/** The users file: `USERS_FILE`, else `.data/users.json` in the project (git-ignored, outside content/). */
export function getUsersFilePath(): string {
  return path.resolve(process.env.USERS_FILE || path.join(/*turbopackIgnore: true*/ process.cwd(), '.data', 'users.json'));
}

/**
 * A version-1 user's id, the same on every read until the file is written as version 2: made from the name and
 * the moment it was added, so a name added again (at another moment) is another user.
 */
function legacyUserId(name: string, createdAt: string): string {
  return `v1-${createHash('sha256').update(`${name}\u0000${createdAt}`).digest('base64url').slice(0, 16)}`;
}

/** Validates the users file's JSON, reading version 1 as version 2. */
export function parseUsersFile(json: unknown, source: string): UsersFile {
  if ((json as { schemaVersion?: unknown } | null)?.schemaVersion === 1) {
    const v1 = parseWith(usersFileV1Schema, json, source, 'corrupt');
    return {
      schemaVersion: 2,
      users: v1.users.map((u) => ({ ...u, id: legacyUserId(u.name, u.createdAt), sessionVersion: 1, endedSessions: [] })),
    };
  }
  return parseWith(usersFileSchema, json, source, 'corrupt');
}

/** The users, or null when there is no users file at all. */
export async function readUsers(file = getUsersFilePath()): Promise<UsersFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelError('corrupt', `${path.basename(file)}: not valid JSON`);
  }
  return parseUsersFile(json, path.basename(file));
}

/** Writes the users file atomically (mode 0600: it holds password hashes). */
export async function writeUsers(users: UsersFile, file = getUsersFilePath()): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeJsonAtomic(file, parseWith(usersFileSchema, users, 'users'), { mode: 0o600 });
}

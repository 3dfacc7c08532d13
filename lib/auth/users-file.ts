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

const userSchema = z.strictObject({
  name: userNameSchema,
  role: roleSchema,
  /** The name shown for the person in history, footnotes and "published by" (their user name when absent). */
  displayName: displayNameSchema.pipe(z.string().min(1)).optional(),
  passwordHash: z.string().min(1),
  tokens: z.array(z.strictObject({ id: z.string(), hash: z.string(), createdAt: z.iso.datetime() })),
  createdAt: z.iso.datetime(),
});

const usersFileSchema = z.strictObject({ schemaVersion: z.literal(1), users: z.array(userSchema) });

export type UserRecord = z.infer<typeof userSchema>;
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
  return parseWith(usersFileSchema, json, path.basename(file), 'corrupt');
}

/** Writes the users file atomically (mode 0600: it holds password hashes). */
export async function writeUsers(users: UsersFile, file = getUsersFilePath()): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeJsonAtomic(file, parseWith(usersFileSchema, users, 'users'), { mode: 0o600 });
}

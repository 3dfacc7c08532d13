import { randomBytes } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { getUsersFilePath } from './users-file';

let cached: Promise<string> | null = null;

/**
 * The key that seals session cookies: `SESSION_SECRET` when set (at least 32 characters), else a random key made
 * once and kept beside the users file, so sessions survive restarts without anyone choosing a password.
 */
export function getSessionSecret(): Promise<string> {
  cached ??= (async () => {
    const fromEnv = process.env.SESSION_SECRET;
    if (fromEnv) {
      if (fromEnv.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
      return fromEnv;
    }
    const file = path.join(path.dirname(getUsersFilePath()), 'session-secret');
    try {
      return (await readFile(file, 'utf8')).trim();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await mkdir(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      // 'wx': if another process made one first, use theirs.
      await writeFile(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      return (await readFile(file, 'utf8')).trim();
    }
  })();
  return cached;
}

/** A users file with one person for a script's private server: a password for sign-in, an API token too. */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/passwords';
import { createToken } from '@/lib/auth/tokens';
import { FileUserStore } from '@/lib/auth/user-store';
import type { Role } from '@/lib/model';

export interface TestUser {
  usersFile: string;
  name: string;
  password: string;
  /** `Authorization: Bearer <token>` authenticates as this person. */
  token: string;
}

export async function writeTestUser(usersFile: string, name: string, role: Role): Promise<TestUser> {
  const password = randomBytes(18).toString('base64url');
  const store = new FileUserStore(usersFile);
  await store.add({ name, role, passwordHash: await hashPassword(password) });
  const { token, record } = createToken(new Date().toISOString());
  await store.addToken(name, record);
  return { usersFile, name, password, token };
}

import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { UserStore } from '@/lib/auth/user-store';
import type { TokenRecord, UserRecord } from '@/lib/auth/users-file';
import { now } from '@/lib/clock';
import { ModelError, type Role } from '@/lib/model';
import type { Database, Queryable } from './database';

/** Ended sessions kept per user before all of them are ended at once instead (as the users file does). */
const MAX_ENDED_SESSIONS = 100;

/** A users row with its tokens and ended sessions gathered as JSON (one query a lookup). */
const SELECT_USERS = `
SELECT u.id, u.name, u.role, u.display_name, u.password_hash, u.session_version, u.created_at,
       COALESCE((SELECT json_agg(json_build_object('id', t.id, 'hash', t.hash, 'createdAt', t.created_at, 'expiresAt', t.expires_at) ORDER BY t.position)
                   FROM user_tokens t WHERE t.user_id = u.id), '[]'::json) AS tokens,
       COALESCE((SELECT json_agg(json_build_object('id', e.session_id, 'until', e.until) ORDER BY e.position)
                   FROM ended_sessions e WHERE e.user_id = u.id), '[]'::json) AS ended
  FROM users u`;

interface UserRow {
  id: string;
  name: string;
  role: Role;
  display_name: string | null;
  password_hash: string;
  session_version: number;
  created_at: string;
  tokens: { id: string; hash: string; createdAt: string; expiresAt: string | null }[];
  ended: { id: string; until: string }[];
}

function toRecord(r: UserRow): UserRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    ...(r.display_name && { displayName: r.display_name }),
    passwordHash: r.password_hash,
    sessionVersion: r.session_version,
    endedSessions: r.ended.map((e) => ({ id: e.id, until: new Date(e.until).toISOString() })),
    tokens: r.tokens.map((t) => ({ id: t.id, hash: t.hash, createdAt: t.createdAt, ...(t.expiresAt && { expiresAt: t.expiresAt }) })),
    createdAt: r.created_at,
  };
}

function missing(name: string): ModelError {
  return new ModelError('not-found', `there is no user "${name}"`);
}

/** Locks the user's row for the transaction (changes of one person run one after another) and answers its id. */
async function lockUser(client: Queryable, name: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM users WHERE name = $1 FOR UPDATE', [name]);
  if (!rows[0]) throw missing(name);
  return rows[0].id;
}

/** A new session version ends every cookie made before it; the ended sessions are then moot. */
async function endAll(client: Queryable, userId: string): Promise<void> {
  await client.query('UPDATE users SET session_version = session_version + 1 WHERE id = $1', [userId]);
  await client.query('DELETE FROM ended_sessions WHERE user_id = $1', [userId]);
}

/**
 * The users as table rows (users, user_tokens, ended_sessions): the same contract as the users file, shared by
 * every app server on the database, so signing out everywhere or removing someone on one server holds on all of
 * them at the next request. Read on every call, as the file is: nothing about a person is cached in a process.
 * No users at all reads as null (none set up yet), as a missing users file does.
 */
export class PgUserStore implements UserStore {
  constructor(private readonly db: Database) {}

  private async select(where: string, params: unknown[]): Promise<UserRecord[]> {
    const { rows } = await this.db.query<UserRow>(`${SELECT_USERS} ${where} ORDER BY u.position`, params);
    return rows.map(toRecord);
  }

  async list(): Promise<UserRecord[] | null> {
    const users = await this.select('', []);
    return users.length ? users : null;
  }

  async get(name: string): Promise<UserRecord | null> {
    return (await this.select('WHERE u.name = $1', [name]))[0] ?? null;
  }

  async findToken(tokenId: string): Promise<{ user: UserRecord; token: TokenRecord } | null> {
    const [user] = await this.select('WHERE u.id = (SELECT user_id FROM user_tokens WHERE id = $1)', [tokenId]);
    const token = user?.tokens.find((t) => t.id === tokenId);
    return user && token ? { user, token } : null;
  }

  async add(input: { name: string; role: Role; passwordHash: string; displayName?: string }): Promise<UserRecord> {
    const user: UserRecord = {
      id: randomBytes(12).toString('base64url'),
      name: input.name,
      role: input.role,
      ...(input.displayName && { displayName: input.displayName }),
      passwordHash: input.passwordHash,
      sessionVersion: 1,
      endedSessions: [],
      tokens: [],
      createdAt: now(),
    };
    const { rowCount } = await this.db.query(
      `INSERT INTO users (id, name, role, display_name, password_hash, session_version, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6)
       ON CONFLICT (name) DO NOTHING`,
      [user.id, user.name, user.role, user.displayName ?? null, user.passwordHash, user.createdAt],
    );
    if (!rowCount) throw new ModelError('exists', `user "${input.name}" exists already; remove them first`);
    return user;
  }

  async remove(name: string): Promise<void> {
    const { rowCount } = await this.db.query('DELETE FROM users WHERE name = $1', [name]);
    if (!rowCount) throw missing(name);
  }

  setPassword(name: string, passwordHash: string): Promise<void> {
    return this.db.tx(async (client) => {
      const id = await lockUser(client, name);
      await client.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
      await endAll(client, id);
    });
  }

  async setDisplayName(name: string, displayName: string): Promise<void> {
    const { rowCount } = await this.db.query('UPDATE users SET display_name = $2 WHERE name = $1', [name, displayName || null]);
    if (!rowCount) throw missing(name);
  }

  setRole(name: string, role: Role): Promise<void> {
    return this.db.tx(async (client) => {
      const id = await lockUser(client, name);
      const { rowCount } = await client.query('UPDATE users SET role = $2 WHERE id = $1 AND role <> $2', [id, role]);
      if (rowCount) await endAll(client, id);
    });
  }

  endAllSessions(name: string): Promise<void> {
    return this.db.tx(async (client) => endAll(client, await lockUser(client, name)));
  }

  endSession(name: string, sessionId: string, until: Date): Promise<void> {
    return this.db.tx(async (client) => {
      const id = await lockUser(client, name);
      await client.query('DELETE FROM ended_sessions WHERE user_id = $1 AND (until <= now() OR session_id = $2)', [id, sessionId]);
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM ended_sessions WHERE user_id = $1', [id]);
      if (rows[0]!.n >= MAX_ENDED_SESSIONS) return endAll(client, id);
      await client.query('INSERT INTO ended_sessions (user_id, session_id, until) VALUES ($1, $2, $3)', [id, sessionId, until.toISOString()]);
    });
  }

  addToken(name: string, token: TokenRecord): Promise<void> {
    return this.db.tx(async (client) => {
      const id = await lockUser(client, name);
      await client.query('INSERT INTO user_tokens (id, user_id, hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        token.id,
        id,
        token.hash,
        token.createdAt,
        token.expiresAt ?? null,
      ]);
    });
  }

  revokeTokens(name: string, tokenId?: string): Promise<number> {
    return this.db.tx(async (client) => {
      const id = await lockUser(client, name);
      const { rowCount } = await client.query('DELETE FROM user_tokens WHERE user_id = $1 AND ($2::text IS NULL OR id = $2)', [id, tokenId ?? null]);
      if (tokenId !== undefined && !rowCount) throw new ModelError('not-found', `${name} has no token "${tokenId}"`);
      return rowCount ?? 0;
    });
  }

  /**
   * Copies users in (`npm run db:import`): each replaces the user of its name with everything it holds (id,
   * password, session version, ended sessions, tokens), so importing the same file again changes nothing. With
   * `replace`, users not in `users` are removed. One transaction: all of them or none.
   */
  importUsers(users: readonly UserRecord[], options: { replace?: boolean } = {}): Promise<number> {
    return this.db.tx(async (client) => {
      if (options.replace) await client.query('DELETE FROM users');
      for (const u of users) await writeUser(client, u);
      return users.length;
    });
  }
}

async function writeUser(client: pg.PoolClient, u: UserRecord): Promise<void> {
  await client.query('DELETE FROM users WHERE name = $1 OR id = $2', [u.name, u.id]);
  await client.query('INSERT INTO users (id, name, role, display_name, password_hash, session_version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    u.id,
    u.name,
    u.role,
    u.displayName ?? null,
    u.passwordHash,
    u.sessionVersion,
    u.createdAt,
  ]);
  for (const t of u.tokens) {
    await client.query('INSERT INTO user_tokens (id, user_id, hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [t.id, u.id, t.hash, t.createdAt, t.expiresAt ?? null]);
  }
  for (const e of u.endedSessions) {
    await client.query('INSERT INTO ended_sessions (user_id, session_id, until) VALUES ($1, $2, $3)', [u.id, e.id, e.until]);
  }
}

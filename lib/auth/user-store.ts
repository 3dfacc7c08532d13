import { randomBytes } from 'node:crypto';
import { now } from '@/lib/clock';
import { ModelError, type Role } from '@/lib/model';
import { getDatabaseUserStore } from '@/lib/storage';
import { KeyedLock } from '@/lib/storage/keyed-lock';
import { getUsersFilePath, readUsers, writeUsers, type TokenRecord, type UserRecord, type UsersFile } from './users-file';

/**
 * The people who may sign in, their sessions' versions and their API tokens. The users file is the embedded
 * implementation; PostgreSQL's (lib/storage/pg/pg-user-store.ts) holds them when DATABASE_URL is set. Every change that must end sessions (a new
 * password, a new role, signing out everywhere) raises the user's session version; removing a user removes their
 * id, so a name added again never inherits old cookies or tokens.
 */
export interface UserStore {
  /** Every user, or null when no users are set up at all (no file). */
  list(): Promise<UserRecord[] | null>;
  get(name: string): Promise<UserRecord | null>;
  /** The user holding the token with this id, and the token's record. */
  findToken(tokenId: string): Promise<{ user: UserRecord; token: TokenRecord } | null>;
  add(user: { name: string; role: Role; passwordHash: string; displayName?: string }): Promise<UserRecord>;
  /** The name the person is shown by; empty removes it (they are shown by their user name). */
  setDisplayName(name: string, displayName: string): Promise<void>;
  remove(name: string): Promise<void>;
  setPassword(name: string, passwordHash: string): Promise<void>;
  setRole(name: string, role: Role): Promise<void>;
  /** Ends every session of the user (sign out everywhere). */
  endAllSessions(name: string): Promise<void>;
  /** Ends one session: its cookie is refused from now on, even a copy of it. `until` is when the cookie would expire. */
  endSession(name: string, sessionId: string, until: Date): Promise<void>;
  addToken(name: string, token: TokenRecord): Promise<void>;
  /** Removes the user's tokens (or the one with `tokenId`); returns how many. */
  revokeTokens(name: string, tokenId?: string): Promise<number>;
}

/** Ended sessions kept per user before all of them are ended at once instead (the file stays small). */
const MAX_ENDED_SESSIONS = 100;

function missing(name: string): ModelError {
  return new ModelError('not-found', `there is no user "${name}"`);
}

/** The users file (`USERS_FILE`, else .data/users.json): read on every call, so changes by `npm run user` apply at once. */
export class FileUserStore implements UserStore {
  private readonly lock = new KeyedLock();

  constructor(private readonly file = getUsersFilePath()) {}

  async list(): Promise<UserRecord[] | null> {
    return (await readUsers(this.file))?.users ?? null;
  }

  async get(name: string): Promise<UserRecord | null> {
    return (await this.list())?.find((u) => u.name === name) ?? null;
  }

  async findToken(tokenId: string): Promise<{ user: UserRecord; token: TokenRecord } | null> {
    for (const user of (await this.list()) ?? []) {
      const token = user.tokens.find((t) => t.id === tokenId);
      if (token) return { user, token };
    }
    return null;
  }

  /** Reads, changes and writes the file, one change at a time in this process. */
  private change<T>(apply: (users: UsersFile) => T): Promise<T> {
    return this.lock.run('users', async () => {
      const users = (await readUsers(this.file)) ?? { schemaVersion: 2, users: [] };
      const result = apply(users);
      await writeUsers(users, this.file);
      return result;
    });
  }

  private changeUser(name: string, apply: (user: UserRecord) => void): Promise<void> {
    return this.change((users) => {
      const user = users.users.find((u) => u.name === name);
      if (!user) throw missing(name);
      apply(user);
    });
  }

  add(input: { name: string; role: Role; passwordHash: string; displayName?: string }): Promise<UserRecord> {
    return this.change((users) => {
      if (users.users.some((u) => u.name === input.name)) throw new ModelError('exists', `user "${input.name}" exists already; remove them first`);
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
      users.users.push(user);
      return user;
    });
  }

  remove(name: string): Promise<void> {
    return this.change((users) => {
      const at = users.users.findIndex((u) => u.name === name);
      if (at < 0) throw missing(name);
      users.users.splice(at, 1);
    });
  }

  setPassword(name: string, passwordHash: string): Promise<void> {
    return this.changeUser(name, (user) => {
      user.passwordHash = passwordHash;
      endAll(user);
    });
  }

  setDisplayName(name: string, displayName: string): Promise<void> {
    return this.changeUser(name, (user) => {
      if (displayName) user.displayName = displayName;
      else delete user.displayName;
    });
  }

  setRole(name: string, role: Role): Promise<void> {
    return this.changeUser(name, (user) => {
      if (user.role === role) return;
      user.role = role;
      endAll(user);
    });
  }

  endAllSessions(name: string): Promise<void> {
    return this.changeUser(name, endAll);
  }

  endSession(name: string, sessionId: string, until: Date): Promise<void> {
    return this.changeUser(name, (user) => {
      const now = Date.now();
      const kept = user.endedSessions.filter((s) => Date.parse(s.until) > now && s.id !== sessionId);
      if (kept.length >= MAX_ENDED_SESSIONS) return endAll(user);
      user.endedSessions = [...kept, { id: sessionId, until: until.toISOString() }];
    });
  }

  addToken(name: string, token: TokenRecord): Promise<void> {
    return this.changeUser(name, (user) => {
      user.tokens.push(token);
    });
  }

  async revokeTokens(name: string, tokenId?: string): Promise<number> {
    let removed = 0;
    await this.changeUser(name, (user) => {
      const kept = user.tokens.filter((t) => tokenId !== undefined && t.id !== tokenId);
      removed = user.tokens.length - kept.length;
      if (tokenId !== undefined && !removed) throw new ModelError('not-found', `${name} has no token "${tokenId}"`);
      user.tokens = kept;
    });
    return removed;
  }
}

/** A new session version ends every cookie made before it; the list of single ended sessions is then moot. */
function endAll(user: UserRecord): void {
  user.sessionVersion += 1;
  user.endedSessions = [];
}

let store: UserStore | null = null;

/** The users store of this server: the database's users when DATABASE_URL selects PostgreSQL, else the users file. */
export function getUserStore(): UserStore {
  store ??= getDatabaseUserStore() ?? new FileUserStore();
  return store;
}

/**
 * Manages the people who may sign in: in the database when DATABASE_URL is set (as the app then reads them), else
 * in the users file (`USERS_FILE` or .data/users.json):
 *   npm run user -- add NAME --role translator|reviewer|editor [--display "Full Name"]   (password from PASSWORD, else asked for)
 *   npm run user -- name NAME --display "Full Name"   the name shown in history, footnotes and "published by" ("" removes it)
 *   npm run user -- passwd NAME               a new password (PASSWORD, else asked for); ends NAME's sessions
 *   npm run user -- role NAME --role ROLE     a new role; ends NAME's sessions
 *   npm run user -- sign-out NAME             ends every session of NAME
 *   npm run user -- remove NAME               their sessions and tokens end with them
 *   npm run user -- token NAME [--expires 90d]   prints a new API token as its last line (h, d, w, y)
 *   npm run user -- tokens NAME               lists NAME's tokens: id, made, expires
 *   npm run user -- revoke-tokens NAME [--id ID]   revokes all of NAME's tokens, or one
 *   npm run user -- list
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { hashPassword } from '@/lib/auth/passwords';
import { createToken, isTokenExpired, parseDuration } from '@/lib/auth/tokens';
import { FileUserStore, type UserStore } from '@/lib/auth/user-store';
import { displayNameSchema, getUsersFilePath, userNameSchema } from '@/lib/auth/users-file';
import { now as clockNow } from '@/lib/clock';
import { parseWith, roleSchema } from '@/lib/model';
import { getDatabaseUrl } from '@/lib/storage';
import { Database } from '@/lib/storage/pg/database';
import { PgUserStore } from '@/lib/storage/pg/pg-user-store';

const MIN_PASSWORD = 10;
const USAGE =
  'usage: npm run user -- add NAME --role translator|reviewer|editor [--display "Full Name"] | name NAME --display "Full Name" | passwd NAME | role NAME --role ROLE | sign-out NAME | remove NAME | token NAME [--expires 90d] | tokens NAME | revoke-tokens NAME [--id ID] | list';

/** Asks for a password on the terminal without echoing it. */
async function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('no terminal to ask for a password on: set PASSWORD');
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = new Promise<string>((resolve) => rl.question(prompt, resolve));
  muted = true;
  const password = await answer;
  rl.close();
  process.stdout.write('\n');
  return password;
}

async function newPasswordHash(name: string): Promise<string> {
  const password = process.env.PASSWORD ?? (await askPassword(`Password for ${name}: `));
  if (password.length < MIN_PASSWORD) throw new Error(`the password must be at least ${MIN_PASSWORD} characters`);
  return hashPassword(password);
}

/** The users the app reads: the database's with DATABASE_URL, else the users file's. */
function openStore(): { store: UserStore; where: string; close(): Promise<void> } {
  const url = getDatabaseUrl();
  if (url) {
    const db = new Database(url, { max: 1 });
    return { store: new PgUserStore(db), where: 'the database', close: () => db.close() };
  }
  const file = getUsersFilePath();
  return { store: new FileUserStore(file), where: file, close: async () => {} };
}

async function main(): Promise<void> {
  const opened = openStore();
  try {
    await run(opened.store, opened.where);
  } finally {
    await opened.close();
  }
}

async function run(store: UserStore, where: string): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, display: { type: 'string' }, expires: { type: 'string' }, id: { type: 'string' } },
  });
  const [command, rawName] = positionals;

  if (command === 'list') {
    for (const u of (await store.list()) ?? []) console.log(`${u.name}\t${u.role}\t${u.tokens.length} token(s)`);
    return;
  }
  if (!command) throw new Error(USAGE);
  const name = parseWith(userNameSchema, rawName, 'NAME');
  const display = values.display === undefined ? undefined : parseWith(displayNameSchema, values.display, '--display');
  switch (command) {
    case 'add': {
      const role = parseWith(roleSchema, values.role, '--role');
      if (await store.get(name)) throw new Error(`user "${name}" exists already; remove them first`);
      await store.add({ name, role, passwordHash: await newPasswordHash(name), ...(display && { displayName: display }) });
      console.log(`Added ${name} (${role}) to ${where}`);
      return;
    }
    case 'name':
      if (display === undefined) throw new Error('name takes --display "Full Name" ("" removes the display name)');
      await store.setDisplayName(name, display);
      console.log(display ? `${name} is shown as "${display}"` : `${name} is shown by their user name`);
      return;
    case 'passwd':
      await store.setPassword(name, await newPasswordHash(name));
      console.log(`New password for ${name}; their sessions have ended`);
      return;
    case 'role': {
      const role = parseWith(roleSchema, values.role, '--role');
      await store.setRole(name, role);
      console.log(`${name} is now a ${role}; their sessions have ended`);
      return;
    }
    case 'sign-out':
      await store.endAllSessions(name);
      console.log(`Every session of ${name} has ended`);
      return;
    case 'remove':
      await store.remove(name);
      console.log(`Removed ${name}; their sessions and tokens no longer work`);
      return;
    case 'token': {
      const user = await store.get(name);
      if (!user) throw new Error(`there is no user "${name}"`);
      const lifetime = values.expires === undefined ? null : parseDuration(values.expires);
      if (values.expires !== undefined && lifetime === null) throw new Error('--expires takes a duration such as 12h, 90d, 2w or 1y');
      const now = clockNow();
      const expiresAt = lifetime === null ? undefined : new Date(Date.parse(now) + lifetime).toISOString();
      const { token, record } = createToken(now, expiresAt);
      await store.addToken(name, record);
      console.log(`New API token ${record.id} for ${name} (${user.role}), ${expiresAt ? `valid until ${expiresAt}` : 'valid until revoked'}; it is shown once:`);
      console.log(token);
      return;
    }
    case 'tokens': {
      const user = await store.get(name);
      if (!user) throw new Error(`there is no user "${name}"`);
      if (!user.tokens.length) console.log(`${name} has no tokens`);
      for (const t of user.tokens) {
        const state = isTokenExpired(t) ? `expired ${t.expiresAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'never expires';
        console.log(`${t.id}\tmade ${t.createdAt}\t${state}`);
      }
      return;
    }
    case 'revoke-tokens': {
      const removed = await store.revokeTokens(name, values.id);
      console.log(`Revoked ${removed} token(s) of ${name}`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main().catch((e: unknown) => {
  console.error(`user: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

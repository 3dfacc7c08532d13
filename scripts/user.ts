/**
 * Manages the people who may sign in (the users file, `USERS_FILE` or .data/users.json):
 *   npm run user -- add NAME --role translator|reviewer|editor [--display "Full Name"]   (password from PASSWORD, else asked for)
 *   npm run user -- name NAME --display "Full Name"   the name shown in history, footnotes and "published by" ("" removes it)
 *   npm run user -- remove NAME
 *   npm run user -- token NAME        prints a new API token as its last line
 *   npm run user -- list
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { hashPassword } from '@/lib/auth/passwords';
import { createToken } from '@/lib/auth/tokens';
import { now as clockNow } from '@/lib/clock';
import { displayNameSchema, getUsersFilePath, readUsers, userNameSchema, writeUsers, type UsersFile } from '@/lib/auth/users-file';
import { parseWith, roleSchema } from '@/lib/model';

const MIN_PASSWORD = 10;

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

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, display: { type: 'string' } } });
  const [command, rawName] = positionals;
  const file = getUsersFilePath();
  const users: UsersFile = (await readUsers(file)) ?? { schemaVersion: 1, users: [] };
  const now = clockNow();
  if (command === 'list') {
    for (const u of users.users) console.log(`${u.name}\t${u.role}\t${u.tokens.length} token(s)`);
    return;
  }
  const name = parseWith(userNameSchema, rawName, 'NAME');
  const existing = users.users.find((u) => u.name === name);
  const display = values.display === undefined ? undefined : parseWith(displayNameSchema, values.display, '--display');
  switch (command) {
    case 'add': {
      const role = parseWith(roleSchema, values.role, '--role');
      if (existing) throw new Error(`user "${name}" exists already; remove them first`);
      const password = process.env.PASSWORD ?? (await askPassword(`Password for ${name}: `));
      if (password.length < MIN_PASSWORD) throw new Error(`the password must be at least ${MIN_PASSWORD} characters`);
      users.users.push({ name, role, ...(display && { displayName: display }), passwordHash: await hashPassword(password), tokens: [], createdAt: now });
      await writeUsers(users, file);
      console.log(`Added ${name} (${role}) to ${file}`);
      return;
    }
    case 'name': {
      if (!existing) throw new Error(`there is no user "${name}"`);
      if (display === undefined) throw new Error('name takes --display "Full Name" ("" removes the display name)');
      if (display) existing.displayName = display;
      else delete existing.displayName;
      await writeUsers(users, file);
      console.log(display ? `${name} is shown as "${display}"` : `${name} is shown by their user name`);
      return;
    }
    case 'remove': {
      if (!existing) throw new Error(`there is no user "${name}"`);
      await writeUsers({ ...users, users: users.users.filter((u) => u !== existing) }, file);
      console.log(`Removed ${name}; their sessions and tokens no longer work`);
      return;
    }
    case 'token': {
      if (!existing) throw new Error(`there is no user "${name}"`);
      const { token, record } = createToken(now);
      existing.tokens.push(record);
      await writeUsers(users, file);
      console.log(`New API token for ${name} (${existing.role}); it is shown once:`);
      console.log(token);
      return;
    }
    default:
      throw new Error('usage: npm run user -- add NAME --role translator|reviewer|editor [--display "Full Name"] | name NAME --display "Full Name" | remove NAME | token NAME | list');
  }
}

main().catch((e: unknown) => {
  console.error(`user: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

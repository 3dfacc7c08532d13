#!/usr/bin/env node
// Serves the production build for the Playwright tests: copies content/ into E2E_CONTENT_DIR (emptied first),
// then runs `next start` on 127.0.0.1:PORT with CONTENT_DIR pointing at the copy.
// With E2E_STORE=postgres (the PostgreSQL pass) it starts a throwaway cluster in E2E_PG_DIR, copies the content
// and the test people into it (npm run db:import; the users file is then removed, so signing in works only
// through the database's users), keeps a copy of the content in e2e_seed_* tables for the specs' resets
// (e2e/database.ts), and runs `next start` with DATABASE_URL; the cluster stops with the server. There, with E2E_SECOND_PORT set, a
// second `next start` serves the same database on that port (two app servers: e2e/live.spec.ts).
// Started by playwright.config.ts (webServer); run `NEXT_DIST_DIR=.next-test next build` first.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeLibreTranslate } from './fake-mt-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contentDir = process.env.E2E_CONTENT_DIR;
const port = process.env.PORT || '3107';
const distDir = process.env.NEXT_DIST_DIR || '.next-test';

if (!contentDir) {
  console.error('e2e-server: E2E_CONTENT_DIR is not set (playwright.config.ts sets it to a temporary folder).');
  process.exit(1);
}
const target = path.resolve(contentDir);
const source = path.join(root, 'content');
if (target === source || target === root || target === path.parse(target).root) {
  console.error(`e2e-server: refusing to use ${target} as the test content folder.`);
  process.exit(1);
}
if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) {
  console.error(`e2e-server: no build in ${distDir}/. Run: NEXT_DIST_DIR=${distDir} npx next build`);
  process.exit(1);
}

// The test people, one per role, in a users file outside the content folder (USERS_FILE, set by the config).
const usersFile = process.env.USERS_FILE;
const password = process.env.E2E_PASSWORD;
if (usersFile && password) {
  fs.rmSync(usersFile, { force: true });
  for (const role of ['translator', 'reviewer', 'editor']) {
    // Display names, as people are shown in history, footnotes and "published by" (the translator has none).
    const display = { reviewer: ['--display', 'Rana Reviewer'], editor: ['--display', 'Edith Editor'] }[role] ?? [];
    const added = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/user.ts'), 'add', `e2e-${role}`, '--role', role, ...display], {
      cwd: root,
      env: { ...process.env, PASSWORD: password },
      encoding: 'utf8',
    });
    if (added.status !== 0) {
      console.error(`e2e-server: could not add the test ${role}: ${added.stderr}`);
      process.exit(1);
    }
  }
}

// A fresh copy of the seed content.
fs.mkdirSync(target, { recursive: true });
for (const entry of fs.readdirSync(target)) {
  fs.rmSync(path.join(target, entry), { recursive: true, force: true });
}
if (fs.existsSync(source)) fs.cpSync(source, target, { recursive: true });

/** The PostgreSQL pass: a cluster holding a copy of the content, and its URL for the server and the specs. */
async function startDatabase() {
  const dir = process.env.E2E_PG_DIR;
  if (!dir) {
    console.error('e2e-server: E2E_STORE=postgres needs E2E_PG_DIR (playwright.config.ts sets it).');
    process.exit(1);
  }
  const { startCluster, findFreePort } = await import('./harness/postgres.mjs');
  fs.rmSync(dir, { recursive: true, force: true });
  const cluster = await startCluster({ dataDir: dir, port: await findFreePort(), fast: true });
  fs.writeFileSync(`${dir}.url`, cluster.url);
  const imported = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/db.ts'), 'import', target, '--replace'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: cluster.url },
    encoding: 'utf8',
  });
  if (imported.status !== 0) {
    cluster.stop({ remove: true });
    console.error(`e2e-server: could not copy the content into the database: ${imported.stderr}`);
    process.exit(1);
  }
  if (usersFile && !/imported 3 user\(s\)/.test(imported.stdout)) {
    cluster.stop({ remove: true });
    console.error(`e2e-server: the test people did not reach the database: ${imported.stdout}`);
    process.exit(1);
  }
  // From here on the people are the database's: `npm run user` in the specs goes there too (e2e/database.ts).
  if (usersFile) fs.rmSync(usersFile, { force: true });
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  for (const table of ['documents', 'rows', 'notes', 'published']) {
    await client.query(`DROP TABLE IF EXISTS e2e_seed_${table}; CREATE TABLE e2e_seed_${table} AS SELECT * FROM ${table}`);
  }
  await client.end();
  return cluster;
}

const database = process.env.E2E_STORE === 'postgres' ? await startDatabase() : null;
const stopDatabase = () => {
  try {
    database?.stop({ remove: true });
  } catch (e) {
    console.error(`e2e-server: stopping PostgreSQL: ${e.message}`);
  }
};

// Machine translation from a LibreTranslate stand-in on a free loopback port, unless E2E_MT=off (the app then runs
// without a provider, as it does when none is configured).
const mt = process.env.E2E_MT === 'off' ? null : await startFakeLibreTranslate();
const mtEnv = mt ? { MT_PROVIDER: 'libretranslate', MT_URL: mt.url } : { MT_PROVIDER: '' };

const startNext = (listenPort) =>
  spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', listenPort, '-H', '127.0.0.1'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ...mtEnv,
      CONTENT_DIR: target,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      ...(database && { DATABASE_URL: database.url }),
    },
  });
const child = startNext(port);
// The second app server shares nothing with the first but the database (with the people) and the session key.
const second = database && process.env.E2E_SECOND_PORT ? startNext(process.env.E2E_SECOND_PORT) : null;
let stopping = false;
second?.on('exit', () => {
  if (!stopping && child.exitCode === null && child.signalCode === null) console.error('e2e-server: the second app server stopped');
});

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(signal, () => {
    stopping = true;
    if (second && second.exitCode === null && second.signalCode === null) second.kill(signal);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`e2e-server: could not start next: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (second && second.exitCode === null && second.signalCode === null) second.kill('SIGTERM');
  stopDatabase();
  mt?.close();
  // A child stopped by our forwarded signal counts as a clean stop.
  process.exit(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
});

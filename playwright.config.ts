import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium-path.mjs';

const PORT = Number(process.env.E2E_PORT || 3107);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// The tests get their own copy of content/, so they never write into the repository's.
// This file is evaluated again in every worker; the workers inherit the environment, so the
// variable is already set there and no second directory is made.
if (!process.env.E2E_CONTENT_DIR) {
  process.env.E2E_CONTENT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'bilingual-e2e-'));
  process.env.E2E_CONTENT_DIR_OWNED = '1'; // e2e/global-teardown.ts removes it afterwards.
  // The test people live outside the content folder, as users do; their password and the session key are
  // made fresh for each run.
  process.env.E2E_USERS_FILE = `${process.env.E2E_CONTENT_DIR}-users/users.json`;
  process.env.E2E_PASSWORD = randomBytes(18).toString('base64url');
  process.env.E2E_SESSION_SECRET = randomBytes(32).toString('base64url');
  // The PostgreSQL pass (E2E_STORE=postgres): the server's cluster lives beside the content folder.
  if (process.env.E2E_STORE === 'postgres') process.env.E2E_PG_DIR = `${process.env.E2E_CONTENT_DIR}-pg`;
  // Safety net for runs that skip global teardown (`--list`, a failed server start): remove them on exit.
  const dir = process.env.E2E_CONTENT_DIR;
  process.on('exit', () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}-users`, { recursive: true, force: true });
    fs.rmSync(`${dir}-pg`, { recursive: true, force: true });
    fs.rmSync(`${dir}-pg.url`, { force: true });
  });
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1, // 2 cores, and the app is a single server with a single content folder.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure', // Inflates per-keystroke timings: benchmarks must turn it off.
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findChromium() ?? undefined, // undefined: Playwright's own browser.
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false, // A stale server can serve a deleted build.
    timeout: 120_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      E2E_CONTENT_DIR: process.env.E2E_CONTENT_DIR,
      E2E_STORE: process.env.E2E_STORE ?? '',
      E2E_PG_DIR: process.env.E2E_PG_DIR ?? '',
      PG_PORTS: process.env.PG_PORTS ?? '',
      // On PostgreSQL a second app server on the next port: the live tests use both.
      E2E_SECOND_PORT: process.env.E2E_STORE === 'postgres' ? String(PORT + 1) : '',
      USERS_FILE: process.env.E2E_USERS_FILE!,
      E2E_PASSWORD: process.env.E2E_PASSWORD!,
      SESSION_SECRET: process.env.E2E_SESSION_SECRET!,
      PORT: String(PORT),
      NEXT_DIST_DIR: '.next-test',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});

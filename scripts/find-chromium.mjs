#!/usr/bin/env node
// Makes sure a Chromium exists for the Playwright tests, prints "Chromium: <path>" and records the path
// in node_modules/.cache/bilingual-editor/chromium-path. Exits 1 with instructions when none can be found.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH_CACHE_FILE, findChromium, playwrightChromium } from './chromium-path.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL_TIMEOUT_MS = 120_000;

const HOW_TO_GET_ONE = [
  'No Chromium was found for the browser tests. Do one of these, then run the tests again:',
  '  - Debian/Ubuntu: sudo apt-get install -y chromium   (installs /usr/bin/chromium)',
  '  - set CHROMIUM_PATH to an existing Chromium or Chrome executable',
  '  - where the network allows it: npx playwright install chromium',
].join('\n');

function fail(message) {
  console.error(message);
  process.exit(1);
}

let found;
try {
  found = findChromium();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (!found) {
  console.error(`No Chromium found; trying "npx playwright install chromium" (up to ${INSTALL_TIMEOUT_MS / 1000} s)...`);
  const result = spawnSync('npx', ['--no-install', 'playwright', 'install', 'chromium'], {
    cwd: root,
    stdio: 'inherit',
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    shell: process.platform === 'win32',
  });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    fail(`"npx playwright install chromium" failed (${why}).\n\n${HOW_TO_GET_ONE}`);
  }
  found = playwrightChromium();
  if (!found) fail(`"npx playwright install chromium" finished but no Chromium is on disk.\n\n${HOW_TO_GET_ONE}`);
}

console.log(`Chromium: ${found}`);
try {
  const cacheFile = path.join(root, CHROMIUM_PATH_CACHE_FILE);
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, `${found}\n`);
} catch (error) {
  // The record is a convenience; the config repeats the lookup itself.
  console.warn(`Could not write ${CHROMIUM_PATH_CACHE_FILE}: ${error instanceof Error ? error.message : error}`);
}

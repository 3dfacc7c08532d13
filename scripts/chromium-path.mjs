// Finds a Chromium that Playwright can drive, without installing anything.
// Shared by scripts/find-chromium.mjs (which may install one) and playwright.config.ts.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Well-known system locations, tried in order after CHROMIUM_PATH. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Where find-chromium.mjs records the path it found. */
export const CHROMIUM_PATH_CACHE_FILE = 'node_modules/.cache/bilingual-editor/chromium-path';

/**
 * @param {string} file
 * @returns {boolean} whether `file` is an existing, executable regular file (or symlink to one)
 */
export function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium that Playwright itself downloaded (`npx playwright install chromium`), if it is on disk.
 * @returns {string | null}
 */
export function playwrightChromium() {
  const require = createRequire(import.meta.url);
  for (const pkg of ['playwright-core', '@playwright/test']) {
    try {
      /** @type {{ chromium: { executablePath(): string } }} */
      const mod = require(pkg);
      const file = mod.chromium.executablePath();
      if (file && existsSync(file)) return file;
    } catch {
      // Package missing, or Playwright does not know this platform: try the next one.
    }
  }
  return null;
}

/**
 * Looks for Chromium: CHROMIUM_PATH, then the system paths, then Playwright's own download.
 * Never installs anything.
 * @returns {string | null} the executable's path, or null if none was found
 * @throws {Error} if CHROMIUM_PATH is set but is not an executable file
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", but that is not an existing executable file.`);
    }
    return fromEnv;
  }
  for (const file of SYSTEM_CHROMIUM_PATHS) {
    if (isExecutableFile(file)) return file;
  }
  return playwrightChromium();
}

/**
 * Flags for headless Chromium here: no sandbox as root, no GPU, and nothing that phones home (this machine's
 * network is closed, and background connections fail loudly).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

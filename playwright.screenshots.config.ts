import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots`: the README's pictures, taken from the built app with the seed document, in both
 * interface languages (scripts/screenshots/readme.shots.ts). Same server and browser as the end-to-end tests.
 */
export default defineConfig({
  ...base,
  testDir: 'scripts/screenshots',
  testMatch: '*.shots.ts',
  retries: 0,
  reporter: 'list',
  use: { ...base.use, trace: 'off', screenshot: 'off', video: 'off' },
});

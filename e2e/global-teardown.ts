import fs from 'node:fs';

/** Removes the temporary content directory, if playwright.config.ts made it (not if the caller passed one). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_CONTENT_DIR;
  if (!dir || process.env.E2E_CONTENT_DIR_OWNED !== '1') return;
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
  fs.rmSync(`${dir}-users`, { recursive: true, force: true });
}

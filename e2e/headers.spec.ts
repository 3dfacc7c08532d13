import type { Page } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import { createTestDocument, removeTestDocument } from './hardening-helpers';
import { SEED_SLUG, activateRow, openEditor, rowAt, typeAndSave } from './helpers';

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

test.describe('security headers', () => {
  test('pages carry a nonce policy that changes per request, and their scripts carry the nonce', async ({ request }) => {
    const nonces = new Set<string>();
    // The public reading pages have a policy of their own, with no nonce (e2e/reader.spec.ts checks it).
    for (const url of ['/en/sign-in', '/en', `/en/documents/${SEED_SLUG}`, '/ar/glossary']) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      const headers = response.headers();
      expect(headers, url).toMatchObject(COMMON);
      expect(headers['permissions-policy'], url).toContain('camera=()');
      const csp = directives(headers['content-security-policy'] ?? '');
      const nonce = csp['script-src']?.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, url).toBeTruthy();
      nonces.add(nonce!);
      expect(csp['script-src']).not.toContain("'unsafe-inline'");
      expect(csp['script-src']).not.toContain("'unsafe-eval'");
      expect(csp).toMatchObject({
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      });
      // Every script of the page, inline or not, carries this request's nonce.
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, url).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  test('API answers allow nothing to run; static files get the common headers', async ({ request }) => {
    for (const url of ['/api/documents', `/api/documents/${SEED_SLUG}`, '/api/documents/NOT-A-SLUG', '/api/session']) {
      const headers = (await request.get(url)).headers();
      expect(headers, url).toMatchObject(COMMON);
      expect(directives(headers['content-security-policy'] ?? ''), url).toMatchObject({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
    }
    const icon = await request.get('/icon.svg');
    expect(icon.status()).toBe(200);
    expect(icon.headers()).toMatchObject(COMMON);
  });
});

/** Records every CSP violation and console error of a page, from before its first script. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...problems, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

test.describe('the app under its policy', () => {
  test('the editor, the library and the reading page run with no policy violation', async ({ page, playwright }) => {
    // A published document of the test's own, so the seed stays as the other specs expect it.
    const editor = await apiAs(playwright, 'editor');
    const { slug } = await createTestDocument(editor, 'e2e-csp', 3);
    expect((await editor.post(`/api/documents/${slug}/publish`, { data: {} })).status()).toBe(201);
    try {
      const violations = await watchPolicy(page);
      await page.goto('/en');
      await expect(page.getByTestId('new-document')).toBeVisible();
      expect(await violations()).toEqual([]);

      await openEditor(page, slug);
      const row = rowAt(page, 2);
      await activateRow(row);
      await typeAndSave(page, row, 'Typed under the policy.');
      expect(await violations()).toEqual([]);

      await openEditor(page, SEED_SLUG, 'ar');
      expect(await violations()).toEqual([]);

      for (const url of [`/en/read/${slug}`, `/ar/read/${slug}?layout=interleaved`, '/en/read', `/en/documents/${slug}/report`, `/ar/documents/${SEED_SLUG}/report`]) {
        await page.goto(url);
        await expect(page.locator('main')).toBeVisible();
        expect(await violations(), url).toEqual([]);
      }
    } finally {
      removeTestDocument(slug);
      await editor.dispose();
    }
  });

  test.describe('signed out', () => {
    test.use({ role: 'none' });
    test('the sign-in page runs with no violation', async ({ page }) => {
      const violations = await watchPolicy(page);
      await page.goto('/en/sign-in');
      await expect(page.locator('input[name="name"]')).toBeVisible();
      // The form is the client's: it works, so the framework's scripts ran.
      await page.locator('input[name="name"]').fill('nobody');
      await page.locator('input[name="password"]').fill('wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('sign-in-error')).toBeVisible();
      expect(await violations()).toEqual([]);
    });

    test('a script that found its way into a page without the nonce does not run; the page’s own scripts do', async ({ page }) => {
      // The real sign-in page, with its real headers, and an inline script slipped into its body as stored XSS would.
      await page.route('**/en/sign-in', async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace('<body>', '<body><script>window.__injected = true</script>');
        expect(html).toContain('window.__injected');
        await route.fulfill({ response, body: html });
      });
      const violations = await watchPolicy(page);
      await page.goto('/en/sign-in');
      await page.locator('input[name="name"]').fill('nobody');
      await page.locator('input[name="password"]').fill('wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('sign-in-error')).toBeVisible();
      expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
      const reported = await violations();
      expect(reported.length).toBeGreaterThan(0);
      for (const v of reported) expect(v).toMatch(/script-src/);
    });
  });
});

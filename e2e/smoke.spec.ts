import { expect, test } from './fixtures';

test('the server is up and serves the English UI', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ ok: true });

  const response = await page.goto('/en');
  expect(response, 'navigation to /en got no response').not.toBeNull();
  expect(response!.status()).toBeLessThan(400);
});

import { test as base, expect, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';

/** Who a test acts as: one of the test people the e2e server adds, or nobody. */
export type TestRole = 'translator' | 'reviewer' | 'editor' | 'none';

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;

/** The test person's name for a role (scripts/e2e-server.mjs adds them). */
export function userName(role: Exclude<TestRole, 'none'>): string {
  return `e2e-${role}`;
}

/** Signs a page's context in as `role` through the real sign-in API. */
export async function signIn(page: Page, role: Exclude<TestRole, 'none'>): Promise<void> {
  const response = await page.request.post('/api/session', { data: { name: userName(role), password: process.env.E2E_PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * `test` with a `role` option: each test's browser context and `request` start signed in as that person (the
 * editor unless a test says otherwise, `none` for signed out). Each worker signs every role in once, through
 * POST /api/session, and reuses the cookies.
 */
export const test = base.extend<{ role: TestRole }, { sessions: Record<Exclude<TestRole, 'none'>, StorageState> }>({
  role: ['editor', { option: true }],
  sessions: [
    async ({ playwright }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const sessions = {} as Record<Exclude<TestRole, 'none'>, StorageState>;
      for (const role of ['translator', 'reviewer', 'editor'] as const) {
        const request = await playwright.request.newContext({ baseURL });
        const response = await request.post('/api/session', { data: { name: userName(role), password: process.env.E2E_PASSWORD } });
        if (!response.ok()) throw new Error(`could not sign in as ${role}: ${response.status()} ${await response.text()}`);
        sessions[role] = await request.storageState();
        await request.dispose();
      }
      await use(sessions);
    },
    { scope: 'worker' },
  ],
  storageState: async ({ role, sessions }, use) => {
    await use(role === 'none' ? { cookies: [], origins: [] } : sessions[role]);
  },
});

export { expect };

/**
 * A fresh API request context signed in as `role` through POST /api/session (for a second person next to the
 * test's own `request`). Dispose it at the end of the test.
 */
export async function apiAs(playwright: PlaywrightWorkerArgs['playwright'], role: Exclude<TestRole, 'none'>): Promise<APIRequestContext> {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const response = await request.post('/api/session', { data: { name: userName(role), password: process.env.E2E_PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
  return request;
}

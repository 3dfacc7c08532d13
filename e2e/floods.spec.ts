import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startNext, type NextServer } from '../scripts/harness/next-app';

/**
 * Floods that must not stall the server: wrong sign-ins, a big import. These run against a private server of
 * their own (the same build, its own content and users) that trusts a proxy (TRUST_PROXY=1), so each test comes
 * from an address of its own (X-Forwarded-For) and the sign-in limits of one do not spill into the next.
 * Latency is compared with the same server's quiet answers (a ratio, not a wall-clock figure), so a busy machine
 * slows both alike.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.E2E_PRIVATE_PORT || Number(process.env.E2E_PORT || 3107) + 5);
const PASSWORD = randomBytes(18).toString('base64url');
const NAME = 'flood-editor';

let server: NextServer;
let tmp: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bilingual-floods-'));
  const contentDir = path.join(tmp, 'content');
  fs.cpSync(path.join(ROOT, 'content'), contentDir, { recursive: true });
  const usersFile = path.join(tmp, 'users', 'users.json');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/user.ts'), 'add', NAME, '--role', 'editor'], {
    cwd: ROOT,
    env: { ...process.env, USERS_FILE: usersFile, PASSWORD },
  });
  server = await startNext({
    root: ROOT,
    port: PORT,
    distDir: process.env.NEXT_DIST_DIR || '.next-test',
    contentDir,
    usersFile,
    sessionSecret: randomBytes(32).toString('base64url'),
    timeoutMs: 90_000,
    env: { TRUST_PROXY: '1' },
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const url = (p: string) => `${server.url}${p}`;

async function healthMs(): Promise<number> {
  const started = performance.now();
  const response = await fetch(url('/api/health'));
  await response.text();
  expect(response.status).toBe(200);
  return performance.now() - started;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function quietHealth(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) times.push(await healthMs());
  return times;
}

/** Health answer times while `work` runs (at least `min` of them). */
async function healthDuring<T>(work: Promise<T>, min = 5): Promise<{ result: T; times: number[] }> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done || times.length < min) times.push(await healthMs());
  return { result: await finished, times };
}

/**
 * Health under load stays within a bound of its quiet self: the median at most 5 times the quiet median plus
 * 100 ms, the 90th percentile at most 10 times the quiet one plus 250 ms. Before the bounds, 16 wrong sign-ins
 * took a GET from 15 ms to 4–10 s, and a big import held every request for the whole of it.
 */
function expectWithinBound(quiet: number[], busy: number[], what: string): void {
  const figures = `${what}: quiet median ${percentile(quiet, 0.5).toFixed(1)} ms, p90 ${percentile(quiet, 0.9).toFixed(1)} ms; busy median ${percentile(busy, 0.5).toFixed(1)} ms, p90 ${percentile(busy, 0.9).toFixed(1)} ms, max ${Math.max(...busy).toFixed(1)} ms (${busy.length} answers)`;
  console.log(figures);
  expect(percentile(busy, 0.5), figures).toBeLessThanOrEqual(percentile(quiet, 0.5) * 5 + 100);
  expect(percentile(busy, 0.9), figures).toBeLessThanOrEqual(percentile(quiet, 0.9) * 10 + 250);
}

let lastAddress = 0;
/** An address of its own for a test: the server trusts X-Forwarded-For as a proxy would set it. */
function newAddress(): string {
  lastAddress += 1;
  return `192.0.2.${lastAddress}`;
}

function signIn(name: string, password: string, address: string): Promise<Response> {
  return fetch(url('/api/session'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': address },
    body: JSON.stringify({ name, password }),
  });
}

test('health answers within a bound while 16 wrong sign-ins run at once', async () => {
  test.setTimeout(240_000);
  const quiet = await quietHealth();
  // Unknown names and a real one, each from this one address: the password checks are the expensive part.
  const address = newAddress();
  const flood = Promise.all(Array.from({ length: 16 }, (_, i) => signIn(i % 2 ? `nobody-${i}` : NAME, `wrong-${i}`, address).then((r) => r.status)));
  const { result: statuses, times } = await healthDuring(flood);
  expect(statuses.every((s) => s === 401 || s === 429 || s === 503), statuses.join()).toBe(true);
  expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
  expectWithinBound(quiet, times, 'sign-in flood');
});

test('too many wrong sign-ins get 429 with Retry-After, without a password check; another name still signs in', async ({ browser }) => {
  test.setTimeout(120_000);
  const name = 'nobody-at-all';
  const address = newAddress();
  let refused: Response | null = null;
  for (let i = 0; i < 10 && !refused; i++) {
    const response = await signIn(name, `guess-${i}`, address);
    if (response.status === 429) refused = response;
    else expect(response.status).toBe(401);
  }
  expect(refused, 'a 429 within 10 attempts').not.toBeNull();
  expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await refused!.json()).error.code).toBe('rate-limited');
  // The right password is refused too while the name waits at this address, and answered at once.
  const started = performance.now();
  expect((await signIn(name, 'anything', address)).status).toBe(429);
  const refusedMs = performance.now() - started;
  expect(refusedMs).toBeLessThan(5_000);
  // The sign-in page says so in the person's language, not with the server's words.
  const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { 'x-forwarded-for': address } });
  try {
    const page = await context.newPage();
    await page.goto('/ar/sign-in');
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="password"]').fill('guess-again');
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('محاولات دخول فاشلة كثيرة');
  } finally {
    await context.close();
  }
  // The address has room left for its other names.
  expect((await signIn(NAME, PASSWORD, address)).status).toBe(200);
  // Served over http, the cookie is not Secure (it would be with APP_ORIGIN=https://…).
  expect((await signIn(NAME, PASSWORD, address)).headers.get('set-cookie')).not.toMatch(/;\s*secure/i);
});

async function editorCookie(): Promise<string> {
  const response = await signIn(NAME, PASSWORD, newAddress());
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

function post(p: string, cookie: string, body: unknown): Promise<Response> {
  return fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: JSON.stringify(body) });
}

test('health answers within a bound while a big import runs; too many rows and too long rows are refused', async () => {
  test.setTimeout(240_000);
  const cookie = await editorCookie();
  const quiet = await quietHealth();
  // 10,000 rows, 1.7 MB: the most one import may make.
  const text = Array.from({ length: 10_000 }, (_, i) => `سطر رقم ${i + 1} من نص طويل للاختبار ${'كلمة '.repeat(15)}`).join('\n\n');
  const { result: created, times } = await healthDuring(post('/api/documents', cookie, { text, slug: 'flood-import' }));
  expect(created.status, await created.clone().text()).toBe(201);
  expectWithinBound(quiet, times, 'import of 10,000 rows');

  const tooMany = await healthDuring(post('/api/documents', cookie, { text: 'ا\n'.repeat(500_000) }));
  expect(tooMany.result.status).toBe(413);
  expect((await tooMany.result.json()).error.message).toMatch(/at most 10,000/);
  expectWithinBound(quiet, tooMany.times, '500,000 one-letter lines');

  const longRow = await post('/api/documents', cookie, { text: `عنوان\n\n${'كلمة '.repeat(5000)}` });
  expect(longRow.status).toBe(413);
  const doc = (await (await fetch(url('/api/documents/flood-import'), { headers: { cookie } })).json()) as { rows: { id: string; rev: number }[] };
  const row = doc.rows[1]!;
  const big = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'word '.repeat(4001) }] }] };
  const saved = await fetch(url(`/api/documents/flood-import/rows/${row.id}`), {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', origin: server.url, cookie },
    body: JSON.stringify({ target: big, baseRev: row.rev }),
  });
  expect(saved.status).toBe(413);
  expect((await saved.json()).error.message).toMatch(/a row may hold at most 20,000/);
});

test('a memory lookup of 20,000 characters goes by POST and is answered', async () => {
  test.setTimeout(120_000);
  const cookie = await editorCookie();
  const q = Array.from({ length: 4000 }, (_, i) => `كلمة${i % 97}`).join(' ').slice(0, 20_000);
  const response = await post('/api/tm/matches', cookie, { q });
  expect(response.status, await response.clone().text()).toBe(200);
  expect((await response.json()).query).toBe(q.trim());
  expect((await post('/api/tm/matches', cookie, { q: `${q}ك` })).status).toBe(400);
});

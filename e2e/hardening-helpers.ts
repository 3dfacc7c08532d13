import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { test } from './fixtures';
import { removeStoredDocument, storedFingerprint, usesDatabase } from './database';
import { contentDir, uniqueSlug, type BilingualDocument, type TargetDoc } from './helpers';

/** A translation of one paragraph. */
export function paragraph(text: string): TargetDoc {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** Creates a document of `count` Arabic paragraphs through the API (as an editor); returns it as stored. */
export async function createTestDocument(editor: APIRequestContext, prefix: string, count: number): Promise<BilingualDocument> {
  const slug = uniqueSlug(prefix);
  const text = Array.from({ length: count }, (_, i) => `هذه الفقرة رقم ${i + 1} من نص الاختبار.`).join('\n\n');
  const created = await editor.post('/api/documents', { data: { text, slug, title: 'نص لاختبار الصلاحيات' } });
  expect(created.status(), await created.text()).toBe(201);
  return (await (await editor.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
}

/** Removes a document the test made, straight from the content folder. */
export function removeTestDocument(slug: string): void {
  if (!/^[a-z0-9-]+$/.test(slug)) throw new Error(`not a slug: ${slug}`);
  if (usesDatabase()) return removeStoredDocument(slug);
  fs.rmSync(path.join(contentDir(), 'documents', slug), { recursive: true, force: true });
}

/** Every file under the content folder with a hash of its bytes: equal snapshots mean nothing was written. */
export function contentSnapshot(root = contentDir()): Record<string, string> {
  if (usesDatabase()) return storedFingerprint();
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // The library's index (and its temporary file while it is written) is a cache the server rewrites on its own
      // time, not content.
      if (entry.name.startsWith('.library-index.json')) continue;
      if (entry.isDirectory()) walk(full);
      else out[path.relative(root, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(root);
  return out;
}

/** The response is a 4xx or 5xx in the one error shape, with this status and code. */
export async function expectError(response: APIResponse, status: number, code?: string): Promise<void> {
  const text = await response.text();
  expect(response.status(), `${response.url()}: ${text.slice(0, 300)}`).toBe(status);
  const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
  expect(body.error?.message, text).toBeTruthy();
  if (code) expect(body.error?.code, text).toBe(code);
}

/** The Cookie header a request context sends (its session). */
export async function cookieHeader(api: APIRequestContext): Promise<string> {
  const { cookies } = await api.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

function serverAddress(): { hostname: string; port: number } {
  const url = new URL(test.info().project.use.baseURL!);
  return { hostname: url.hostname, port: Number(url.port) };
}

export interface RawResponse {
  status: number;
  body: string;
  /** Body bytes the client had written when the answer came (for streamed requests). */
  sent: number;
}

/**
 * A request whose path goes out byte for byte as given: `..`, `%2e%2e` and `%2f` are not normalized away as a
 * URL parser (fetch, Playwright's request) would.
 */
export function rawRequest(method: string, rawPath: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = http.request(
      {
        ...serverAddress(),
        method,
        path: rawPath,
        headers: { ...(body && { 'content-type': 'application/json', 'content-length': String(body.byteLength) }), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sent: body?.byteLength ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Streams a body with no Content-Length (chunked), 64 KB at a time, until the server answers or `cap` bytes are
 * sent, then stops. A server that held the whole body before answering would never answer an endless one; the
 * answer arriving while the body is still going out is the proof that it did not.
 */
export function chunkedRequest(
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; cap: number; fill?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, options.fill ?? 'a');
    let sent = 0;
    let answered = false;
    const req = http.request({ ...serverAddress(), method, path: urlPath, headers: { 'transfer-encoding': 'chunked', ...options.headers } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sent });
        req.destroy();
      });
    });
    // Once the answer came, the server may close its side while bytes are still going out: that is expected.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const pump = () => {
      while (!answered && sent < options.cap) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

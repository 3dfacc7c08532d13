import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibreTranslateProvider } from './libretranslate';
import { startTestServer, type SeenRequest, type TestServer } from './test-server';
import { MtError } from './types';

/** LibreTranslate as its API documentation shows it: POST /translate, JSON in, {translatedText} out, {error} on failure. */
function libreTranslate(req: SeenRequest) {
  if (req.method !== 'POST' || req.path !== '/translate') return { status: 404, json: { error: 'Not Found' } };
  const body = req.json as { q: string | string[]; source: string; target: string; format: string; api_key?: string };
  if (body.api_key !== undefined && body.api_key !== 'secret') return { status: 403, json: { error: 'Invalid API key' } };
  const one = (q: string) => (body.format === 'html' ? q.replace(/بوتين/g, 'Putin').replace(/استقبل/g, 'received') : `EN: ${q}`);
  return { json: { translatedText: Array.isArray(body.q) ? body.q.map(one) : one(body.q) } };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(libreTranslate);
});
afterAll(() => server.close());

const provider = (options: { apiKey?: string; timeoutMs?: number } = {}) =>
  new LibreTranslateProvider({ url: `${server.url}/`, apiKey: options.apiKey, timeoutMs: options.timeoutMs ?? 2000 });
const request = { sourceLang: 'ar', targetLang: 'en-GB', segments: [[{ text: 'نص & أول' }], [{ text: 'نص ثان' }]] };

async function failure(p: Promise<unknown>): Promise<MtError> {
  const e = await p.then(() => null, (e: unknown) => e);
  expect(e).toBeInstanceOf(MtError);
  return e as MtError;
}

describe('LibreTranslate adapter', () => {
  it('sends all blocks of a row in one request as plain text, with the key, and reads the list back', async () => {
    server.requests.length = 0;
    const out = await provider({ apiKey: 'secret' }).translate(request);
    expect(out).toEqual([[{ text: 'EN: نص & أول' }], [{ text: 'EN: نص ثان' }]]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.json).toEqual({ q: ['نص & أول', 'نص ثان'], source: 'ar', target: 'en', format: 'text', api_key: 'secret' });
  });

  it('sends marked text as HTML and keeps bold and italic', async () => {
    server.requests.length = 0;
    const out = await provider().translate({ ...request, segments: [[{ text: 'بوتين', bold: true }, { text: ' ' }, { text: 'استقبل', italic: true }]] });
    expect((server.requests[0]!.json as { format: string; q: string[] }).q).toEqual(['<b>بوتين</b> <i>استقبل</i>']);
    expect(server.requests[0]!.json).not.toHaveProperty('api_key');
    expect(out).toEqual([[{ text: 'Putin', bold: true }, { text: ' ' }, { text: 'received', italic: true }]]);
  });

  it('says the key was refused (403)', async () => {
    const e = await failure(provider({ apiKey: 'wrong' }).translate(request));
    expect(e.code).toBe('refused');
    expect(e.message).toBe('LibreTranslate refused the request (403: Invalid API key); check MT_API_KEY');
  });

  it('passes on 429 with the seconds of Retry-After', async () => {
    server.handle(() => ({ status: 429, headers: { 'retry-after': '7' }, json: { error: 'Too many request limits violations' } }));
    const e = await failure(provider().translate(request));
    expect(e).toMatchObject({ code: 'rate-limited', retryAfter: 7 });
    expect(e.message).toBe('LibreTranslate asks to slow down (429: Too many request limits violations); try again in 7 s');
    server.handle(libreTranslate);
  });

  it('reports a server error, a timeout, an answer that is not a translation, and a server that is not there', async () => {
    server.handle(() => ({ status: 500, json: { error: 'Cannot translate text: model not loaded' } }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'unavailable', message: 'LibreTranslate failed (500: Cannot translate text: model not loaded); try again later' });
    server.handle(() => ({ delayMs: 500, json: { translatedText: ['late', 'late'] } }));
    expect(await failure(provider({ timeoutMs: 100 }).translate(request))).toMatchObject({ code: 'timeout', message: 'LibreTranslate did not answer within 100 ms' });
    server.handle(() => ({ json: { translation: 'wrong field' } }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'bad-answer', message: 'LibreTranslate answered without a translatedText' });
    server.handle(() => ({ json: { translatedText: ['only one'] } }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'bad-answer', message: 'LibreTranslate sent 1 translations for 2 texts' });
    server.handle(() => ({ text: '<html>proxy error</html>' }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'bad-answer' });
    server.handle(libreTranslate);
    const gone = new LibreTranslateProvider({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
    expect(await failure(gone.translate(request))).toMatchObject({ code: 'network' });
  });

  it('stops when the caller cancels', async () => {
    server.handle(() => ({ delayMs: 1000, json: { translatedText: ['x', 'y'] } }));
    const controller = new AbortController();
    const pending = provider({ timeoutMs: 5000 }).translate({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(pending)).toMatchObject({ code: 'cancelled' });
    server.handle(libreTranslate);
  });
});

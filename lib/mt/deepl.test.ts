import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeepLProvider, deeplTarget, glossaryTsv } from './deepl';
import { startTestServer, type Reply, type SeenRequest, type TestServer } from './test-server';
import { MtError } from './types';

/**
 * DeepL's REST API as documented: `Authorization: DeepL-Auth-Key <key>`, POST /v2/translate with a `text` list →
 * `{translations: [{detected_source_language, text}]}`, POST /v2/glossaries with TSV entries → `{glossary_id, ready}`;
 * 403 for a bad key, 456 for a used-up quota, 429 when too many requests.
 */
let glossaryCount = 0;
function deepl(req: SeenRequest): Reply {
  if (req.headers.authorization !== 'DeepL-Auth-Key key-123:fx') return { status: 403, json: { message: 'Wrong endpoint. Use https://api.deepl.com' } };
  if (req.method === 'POST' && req.path === '/v2/glossaries') {
    const body = req.json as { source_lang: string; target_lang: string; entries: string; entries_format: string };
    if (body.source_lang !== 'ar' || body.entries_format !== 'tsv') return { status: 400, json: { message: 'Unsupported glossary source and target language pair' } };
    glossaryCount++;
    return { status: 201, json: { glossary_id: `def3a26b-${glossaryCount}`, ready: true, name: 'x', source_lang: 'ar', target_lang: 'en', creation_time: '2025-05-10T12:00:00Z', entry_count: body.entries.split('\n').length } };
  }
  if (req.method === 'POST' && req.path === '/v2/translate') {
    const body = req.json as { text: string[]; tag_handling?: string };
    return { json: { translations: body.text.map((t) => ({ detected_source_language: 'AR', text: body.tag_handling === 'html' ? t.replace('حفتر', 'Haftar') : `EN(${t})` })) } };
  }
  return { status: 404, json: { message: 'Not found' } };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(deepl);
});
afterAll(() => server.close());

const provider = (options: { key?: string; model?: string } = {}) =>
  new DeepLProvider({ apiKey: options.key ?? 'key-123:fx', url: server.url, model: options.model, timeoutMs: 2000 });
const request = { sourceLang: 'ar', targetLang: 'en', segments: [[{ text: 'استقبل بوتين حفتر' }]] };

async function failure(p: Promise<unknown>): Promise<MtError> {
  const e = await p.then(() => null, (e: unknown) => e);
  expect(e).toBeInstanceOf(MtError);
  return e as MtError;
}

describe('DeepL adapter', () => {
  it('translates with the auth header, the target variant, the neighbours as context and the model type', async () => {
    server.requests.length = 0;
    const out = await provider({ model: 'quality_optimized' }).translate({ ...request, context: { before: ['قبل'], after: ['بعد'] } });
    expect(out).toEqual([[{ text: 'EN(استقبل بوتين حفتر)' }]]);
    expect(server.requests[0]!.path).toBe('/v2/translate');
    expect(server.requests[0]!.json).toEqual({ text: ['استقبل بوتين حفتر'], source_lang: 'AR', target_lang: 'EN-US', context: 'قبل\nبعد', model_type: 'quality_optimized' });
  });

  it('uses tag handling for bold and italic', async () => {
    server.requests.length = 0;
    const out = await provider().translate({ ...request, segments: [[{ text: 'حفتر', bold: true }, { text: ' في ' }, { text: 'موسكو', italic: true }]] });
    expect(server.requests[0]!.json).toMatchObject({ text: ['<b>حفتر</b> في <i>موسكو</i>'], tag_handling: 'html' });
    expect(out[0]![0]).toEqual({ text: 'Haftar', bold: true });
    expect(out[0]![2]).toEqual({ text: 'موسكو', italic: true });
  });

  it('makes a glossary of the document terms once, and passes its id', async () => {
    server.requests.length = 0;
    const p = provider();
    const glossary = [
      { term: 'خليفة حفتر', rendering: 'Khalifa Haftar' },
      { term: 'الكرملين', rendering: 'the Kremlin' },
      { term: 'الكرملين', rendering: 'Kremlin (again)' },
    ];
    await p.translate({ ...request, glossary });
    await p.translate({ ...request, segments: [[{ text: 'نص آخر' }]], glossary });
    const paths = server.requests.map((r) => r.path);
    expect(paths).toEqual(['/v2/glossaries', '/v2/translate', '/v2/translate']);
    expect(server.requests[0]!.json).toMatchObject({ source_lang: 'ar', target_lang: 'en', entries_format: 'tsv', entries: 'خليفة حفتر\tKhalifa Haftar\nالكرملين\tthe Kremlin' });
    const id = (server.requests[1]!.json as { glossary_id: string }).glossary_id;
    expect(id).toMatch(/^def3a26b-/);
    expect((server.requests[2]!.json as { glossary_id: string }).glossary_id).toBe(id);
  });

  it('translates without a glossary DeepL refuses, and says so in the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    server.requests.length = 0;
    const out = await provider().translate({ ...request, sourceLang: 'fa', glossary: [{ term: 'x', rendering: 'y' }] });
    expect(out).toHaveLength(1);
    expect(server.requests.map((r) => r.path)).toEqual(['/v2/glossaries', '/v2/translate']);
    expect(server.requests[1]!.json).not.toHaveProperty('glossary_id');
    expect(warn.mock.calls[0]![0]).toMatch(/Unsupported glossary source and target language pair/);
    warn.mockRestore();
  });

  it('reports a refused key, a used-up quota and too many requests', async () => {
    expect(await failure(provider({ key: 'other' }).translate(request))).toMatchObject({ code: 'refused', message: 'DeepL refused the request (403: Wrong endpoint. Use https://api.deepl.com); check MT_API_KEY' });
    server.handle(() => ({ status: 456, json: { message: 'Quota exceeded' } }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'quota', message: "DeepL: the account's character quota is used up (456: Quota exceeded)" });
    server.handle(() => ({ status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, json: { message: 'Too many requests' } }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'rate-limited', retryAfter: 0 });
    server.handle(() => ({ status: 503, headers: { 'retry-after': '30' }, text: 'Service Unavailable' }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'unavailable', retryAfter: 30, message: 'DeepL failed (503: Service Unavailable); try again in 30 s' });
    server.handle(() => ({ json: { translations: [{ text: 3 }] } }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'bad-answer' });
    server.handle(deepl);
  });

  it('picks the Free or Pro endpoint by the key, and the target variant by the document', () => {
    expect(deeplTarget('en')).toBe('EN-US');
    expect(deeplTarget('en-GB')).toBe('EN-GB');
    expect(deeplTarget('pt')).toBe('PT-PT');
    expect(deeplTarget('de')).toBe('DE');
    expect(glossaryTsv([{ term: ' a\tb ', rendering: 'c\nd' }])).toBe('a b\tc d');
  });
});

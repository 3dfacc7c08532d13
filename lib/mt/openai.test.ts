import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletionsUrl, cleanAnswer, OpenAiProvider } from './openai';
import { startTestServer, type Reply, type SeenRequest, type TestServer } from './test-server';
import { MtError } from './types';

/** An OpenAI-compatible server as the API reference shows it: POST /v1/chat/completions → {choices: [{message}]}. */
function chat(content: string | null, finish = 'stop'): Reply {
  return {
    json: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1747000000,
      model: 'qwen2.5:7b',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    },
  };
}

function openai(req: SeenRequest): Reply {
  if (req.path !== '/v1/chat/completions') return { status: 404, json: { error: { message: 'not found', type: 'invalid_request_error' } } };
  if (req.headers.authorization !== 'Bearer sk-test') return { status: 401, json: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } };
  const text = ((req.json as { messages: { content: string }[] }).messages[1]!.content.split('Translate this text:\n')[1] ?? '').trim();
  return chat(text.replace('حفتر', 'Haftar').replace('بوتين', 'Putin').replace('استقبل', 'received'));
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(openai);
});
afterAll(() => server.close());

const provider = (key = 'sk-test', timeoutMs = 2000) => new OpenAiProvider({ url: server.url, model: 'qwen2.5:7b', apiKey: key, timeoutMs });
const request = {
  sourceLang: 'ar',
  targetLang: 'en',
  segments: [[{ text: 'استقبل ' }, { text: 'بوتين', bold: true }, { text: ' ' }, { text: 'حفتر', italic: true }]],
  terms: [{ term: 'خليفة حفتر', rendering: 'Khalifa Haftar' }],
  context: { before: ['الفقرة السابقة'], after: ['الفقرة التالية'] },
};

async function failure(p: Promise<unknown>): Promise<MtError> {
  const e = await p.then(() => null, (e: unknown) => e);
  expect(e).toBeInstanceOf(MtError);
  return e as MtError;
}

describe('OpenAI-compatible adapter', () => {
  it('prompts with the language pair, the tags, the row’s glossary terms and the neighbours, and keeps the marks', async () => {
    server.requests.length = 0;
    const out = await provider().translate(request);
    expect(out).toEqual([[{ text: 'received ' }, { text: 'Putin', bold: true }, { text: ' ' }, { text: 'Haftar', italic: true }]]);
    const body = server.requests[0]!.json as { model: string; temperature: number; messages: { role: string; content: string }[] };
    expect(body.model).toBe('qwen2.5:7b');
    expect(body.temperature).toBe(0);
    expect(body.messages[0]!.role).toBe('system');
    expect(body.messages[0]!.content).toContain('from Arabic (ar) into English (en)');
    expect(body.messages[0]!.content).toContain('<b>…</b>');
    expect(body.messages[1]!.content).toBe(
      'Glossary (Arabic (ar) → English (en)):\n- خليفة حفتر → Khalifa Haftar\n\n' +
        'Context, not to translate:\n(before) الفقرة السابقة\n(after) الفقرة التالية\n\n' +
        'Translate this text:\nاستقبل <b>بوتين</b> <i>حفتر</i>',
    );
  });

  it('finds the endpoint under the base URL as OpenAI clients do', () => {
    expect(chatCompletionsUrl('http://localhost:11434/v1')).toBe('http://localhost:11434/v1/chat/completions');
    expect(chatCompletionsUrl('http://localhost:8080')).toBe('http://localhost:8080/v1/chat/completions');
    expect(chatCompletionsUrl('https://api.example.com/openai/v1/')).toBe('https://api.example.com/openai/v1/chat/completions');
  });

  it('drops what models say around a translation', () => {
    expect(cleanAnswer('<think>The user wants…</think>\n\nPutin received Haftar.')).toBe('Putin received Haftar.');
    expect(cleanAnswer('```\nPutin received Haftar.\n```')).toBe('Putin received Haftar.');
    expect(cleanAnswer('"Putin received Haftar."')).toBe('Putin received Haftar.');
    expect(cleanAnswer('"Yes," he said, "no."')).toBe('"Yes," he said, "no."');
  });

  it('refuses answers that are not a translation: empty, still Arabic, cut off, far too long, malformed', async () => {
    const plain = { ...request, segments: [[{ text: 'نص قصير' }]] };
    for (const [reply, message] of [
      [chat('   '), 'The translation model answered with no text'],
      [chat('نص قصير بالعربية'), 'The translation model (qwen2.5:7b) answered in Arabic, not with a translation'],
      [chat('A short', 'length'), 'The translation model (qwen2.5:7b) stopped before the end of the translation'],
      [chat('word '.repeat(200)), 'The translation model (qwen2.5:7b) answered with far more text than it was given'],
      [{ json: { choices: [] } }, 'The translation model (qwen2.5:7b) answered without a message'],
    ] as const) {
      server.handle(() => reply);
      expect(await failure(provider().translate(plain))).toMatchObject({ code: 'bad-answer', message });
    }
    server.handle(openai);
  });

  it('reports a refused key and 429 with Retry-After', async () => {
    expect(await failure(provider('sk-wrong').translate(request))).toMatchObject({
      code: 'refused',
      message: 'The translation model refused the request (401: Incorrect API key provided); check MT_API_KEY',
    });
    server.handle(() => ({ status: 429, headers: { 'retry-after': '2' }, json: { error: { message: 'Rate limit reached', type: 'requests' } } }));
    expect(await failure(provider().translate(request))).toMatchObject({ code: 'rate-limited', retryAfter: 2 });
    server.handle(openai);
  });
});

// A stand-in for a LibreTranslate instance, for the end-to-end tests (started by scripts/e2e-server.mjs on a free
// loopback port): POST /translate with {q, source, target, format, api_key?} → {translatedText}, as LibreTranslate's
// API documentation shows. Its "translation" names the words it was given, keeping <b>/<i> tags in HTML. A text
// holding "بطيء" (slow) is answered after 300 ms; one holding "عطل" (fault) gets a 500; one holding "زحام"
// (crowding) gets LibreTranslate's 429 with a Retry-After of 30 seconds.
import http from 'node:http';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const SLOW = 'بطيء';
const FAULT = 'عطل';
const CROWDED = 'زحام';

function translate(text, format) {
  const words = (t) => (t.match(WORD) ?? []).length;
  if (format !== 'html') return `Machine translation of ${words(text)} words`;
  return text.replace(/[^<>]+(?=<|$)/g, (t) => (t.trim() ? `machine ${words(t)} words` : t));
}

/** Starts the stand-in; resolves with its address and a close function. */
export function startFakeLibreTranslate() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const send = (status, body, headers = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/translate') return send(404, { error: 'Not Found' });
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, { error: 'Invalid request: could not parse JSON' });
      }
      const q = body?.q;
      if ((typeof q !== 'string' && !Array.isArray(q)) || !body.source || !body.target) return send(400, { error: 'Invalid request: missing q, source or target' });
      const texts = Array.isArray(q) ? q : [q];
      if (texts.some((t) => t.includes(FAULT))) return send(500, { error: 'Cannot translate text: the model failed' });
      if (texts.some((t) => t.includes(CROWDED))) return send(429, { error: 'Too many request limits violations' }, { 'retry-after': '30' });
      const out = texts.map((t) => translate(t, body.format));
      setTimeout(() => send(200, { translatedText: Array.isArray(q) ? out : out[0] }), texts.some((t) => t.includes(SLOW)) ? 300 : 0);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

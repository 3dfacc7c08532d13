import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test support (not shipped): a small HTTP server on a free loopback port that answers as a provider's API does. */

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Milliseconds to wait before answering (a slow provider). */
  delayMs?: number;
}

export interface TestServer {
  url: string;
  requests: SeenRequest[];
  /** Replaces the handler, for a test's own answers. */
  handle(handler: (req: SeenRequest) => Reply | Promise<Reply>): void;
  close(): Promise<void>;
}

export async function startTestServer(handler: (req: SeenRequest) => Reply | Promise<Reply> = () => ({ status: 404, json: { error: 'not found' } })): Promise<TestServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = undefined;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        // Not JSON: the test looks at `body`.
      }
      const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json };
      requests.push(seen);
      const reply = await current(seen);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
      res.writeHead(reply.status ?? 200, { 'content-type': reply.json !== undefined ? 'application/json' : 'text/plain', ...reply.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(h) {
      current = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Row saves over HTTP as the editor sends them (`PATCH /api/documents/:slug/rows/:rowId` with a bearer token),
 * on keep-alive connections, and the rows as they are on disk afterwards.
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getTargetText, parseDocument, type BilingualDocument, type Row, type TargetDoc } from '@/lib/model';
import { percentile, round } from '../bench/stats';

/** One client: its own keep-alive connection pool, like one browser. */
export class SaveClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    sockets = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /**
   * Sends one save; resolves with the status, the parsed body and the milliseconds to the last byte, or rejects
   * when the connection fails (the server died: the save's fate is unknown).
   */
  save(slug: string, rowId: string, text: string, baseRev: number, timeoutMs = 30_000): Promise<SaveResult> {
    const body = JSON.stringify({ target: textTarget(text), baseRev });
    const url = new URL(`/api/documents/${encodeURIComponent(slug)}/rows/${encodeURIComponent(rowId)}`, this.baseUrl);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'PATCH',
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            authorization: `Bearer ${this.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('error', reject);
          response.on('end', () => {
            const ms = performance.now() - started;
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {
              // Left null: the caller reports the status and the raw text.
            }
            resolve({ status: response.statusCode ?? 0, json, text, ms });
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface SaveResult {
  status: number;
  json: unknown;
  text: string;
  ms: number;
}

/** The row a 200 answers with (only the fields the scripts check). */
export function savedRow(result: SaveResult): { id: string; rev: number } | null {
  const row = result.json as { id?: unknown; rev?: unknown } | null;
  return row && typeof row.id === 'string' && typeof row.rev === 'number' ? { id: row.id, rev: row.rev } : null;
}

/** The current row a 409 carries beside its error. */
export function conflictRow(result: SaveResult): { id: string; rev: number } | null {
  const current = (result.json as { current?: { id?: unknown; rev?: unknown } } | null)?.current;
  return current && typeof current.id === 'string' && typeof current.rev === 'number' ? { id: current.id, rev: current.rev } : null;
}

/** A translation of one plain paragraph. */
export function textTarget(text: string): TargetDoc {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** A row's English as plain text: what the scripts compare. */
export function rowText(row: Row): string {
  return getTargetText(row.target);
}

export function documentFile(contentDir: string, slug: string): string {
  return path.join(contentDir, 'documents', slug, 'document.json');
}

/** The document as it is on disk, validated with the app's own schema. */
export async function readDocumentFromDisk(contentDir: string, slug: string): Promise<BilingualDocument> {
  const file = documentFile(contentDir, slug);
  return parseDocument(JSON.parse(await readFile(file, 'utf8')), path.relative(contentDir, file));
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function latencySummary(values: number[]): LatencySummary {
  return {
    count: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(percentile(values, 100)),
  };
}

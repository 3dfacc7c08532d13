import pg from 'pg';
import { isModelError, ModelError } from '@/lib/model';
import { SCHEMA_VERSION } from './migrations';

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Error codes of a connection that failed or was cut: the database is away, not the request wrong. */
const GONE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);

/** True when `e` says the database cannot be reached (refused, cut, shutting down, too many connections). */
export function isUnavailable(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: string }).code;
  if (code && (GONE_CODES.has(code) || code.startsWith('08'))) return true;
  const message = (e as Error).message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(message);
}

/** The answer a person gets while the database is away: 503, and nothing they sent was lost on our side. */
export function unavailable(cause?: unknown): ModelError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return new ModelError('unavailable', `The database is not answering${detail}. The change was not saved; it is kept in your browser and will be sent again.`);
}

/** Turns driver errors into ModelErrors a route maps: 503 for a database that is away; others unchanged. */
export function mapError(e: unknown): unknown {
  if (isModelError(e)) return e;
  if (isUnavailable(e)) return unavailable(e);
  return e;
}

/**
 * The connection pool of one process, and transactions on it. Fails fast (5 s to connect) so a request answers 503
 * rather than hanging while the database is away; checks once that the schema is migrated to this code's version.
 */
export class Database {
  readonly pool: pg.Pool;
  private checked: Promise<void> | null = null;

  constructor(
    readonly url: string,
    options: { max?: number } = {},
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    // An idle client whose server went away: the pool drops it; the next query reconnects.
    this.pool.on('error', (e) => console.error(`database: an idle connection failed: ${e.message}`));
  }

  /** Refuses to work on a schema older or newer than this code's (the person runs `npm run db:migrate`). */
  private ensureSchema(): Promise<void> {
    this.checked ??= (async () => {
      let version: number | null = null;
      try {
        const { rows } = await this.pool.query<{ version: number | null }>('SELECT max(version)::int AS version FROM schema_migrations');
        version = rows[0]?.version ?? null;
      } catch (e) {
        if ((e as { code?: string }).code !== '42P01') throw e;
      }
      if (version === null || version < SCHEMA_VERSION) {
        throw new ModelError('unavailable', `The database has schema version ${version ?? 'none'}, this app needs ${SCHEMA_VERSION}: run "npm run db:migrate".`);
      }
      if (version > SCHEMA_VERSION) {
        throw new ModelError('unavailable', `The database has schema version ${version}, newer than this app's ${SCHEMA_VERSION}: update the app.`);
      }
    })().catch((e: unknown) => {
      this.checked = null;
      throw mapError(e);
    });
    return this.checked;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.ensureSchema();
    try {
      return await this.pool.query<R>(text, params);
    } catch (e) {
      throw mapError(e);
    }
  }

  /** Runs `work` in a transaction (READ COMMITTED): committed when it returns, rolled back when it throws. */
  async tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ensureSchema();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw mapError(e);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      broken = isUnavailable(e);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw mapError(e);
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

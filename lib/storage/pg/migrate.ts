import pg from 'pg';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

/** Any fixed number: migrations of one database run one at a time, whoever starts them. */
const MIGRATION_LOCK = 727_101;

/**
 * Brings the database to this code's schema: each migration not yet applied runs in its own transaction and is
 * recorded in `schema_migrations`. Running it again changes nothing. A database with a newer schema than this code
 * knows is refused, untouched. Returns the versions applied.
 */
export async function migrate(url: string, log: (line: string) => void = () => {}): Promise<number[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > SCHEMA_VERSION) {
      throw new Error(`the database has schema version ${newest}, newer than this app's ${SCHEMA_VERSION}: update the app rather than migrate`);
    }
    const done: number[] = [];
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed and was rolled back: ${(e as Error).message}`);
      }
      log(`applied migration ${m.version}: ${m.name}`);
      done.push(m.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

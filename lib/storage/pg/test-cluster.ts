import { findPgBin, NO_POSTGRES, startThrowawayCluster, createDatabase } from '../../../scripts/harness/postgres.mjs';
import { migrate } from './migrate';

/**
 * A throwaway PostgreSQL cluster for tests (scripts/harness/postgres.mjs): started once by whoever asks first, a
 * fresh migrated database for each caller. On a machine without PostgreSQL's server binaries the answer is null with
 * the reason, and under CI (CI=true) it throws instead: there the PostgreSQL half must not pass by being skipped.
 */
let cluster: Promise<{ url: string; stop(): void }> | null = null;
let databases = 0;

export function postgresMissing(): string | null {
  if (findPgBin()) return null;
  if (process.env.CI) throw new Error(`${NO_POSTGRES} (CI=true: the PostgreSQL tests must run)`);
  return NO_POSTGRES;
}

/** A new, migrated database on the shared throwaway cluster. */
export async function freshDatabase(name = 'test'): Promise<string> {
  cluster ??= startThrowawayCluster({ fast: true });
  const { url } = await cluster;
  const db = await createDatabase(url, `${name}_${process.pid}_${++databases}`);
  await migrate(db);
  return db;
}

/** Stops the shared cluster (afterAll of the suite that used it). */
export async function stopTestCluster(): Promise<void> {
  const running = cluster;
  cluster = null;
  if (running) (await running).stop();
}

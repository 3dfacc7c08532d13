/**
 * The reconnecting LISTEN connection the event bus and the presence hub share, against a throwaway cluster
 * (lib/storage/pg/test-cluster.ts): it hears its channel only, catches up after the server cuts it, stays down when
 * nobody wants it, and is silent once closed. Skipped, with the reason, on a machine without PostgreSQL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgChannel } from './pg-channel';
import { freshDatabase, postgresMissing, stopTestCluster } from './test-cluster';

const missing = postgresMissing();

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(missing !== null)('PgChannel', () => {
  let url = '';
  let admin: pg.Client;

  beforeAll(async () => {
    url = await freshDatabase('channel');
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  }, 60_000);

  afterAll(async () => {
    await admin?.end();
    await stopTestCluster();
  });

  /** Cuts every LISTEN connection of the test database, as a restart or a network fault would. */
  async function cutListeners(): Promise<number> {
    const { rowCount } = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'",
    );
    return rowCount ?? 0;
  }

  function recorder(channel: string, wanted = () => true) {
    const heard: string[] = [];
    let connects = 0;
    const ch = new PgChannel(url, channel, { notify: (p) => heard.push(p), connected: () => connects++, wanted }, 'test');
    return { ch, heard, connects: () => connects };
  }

  it('hears the notifications of its channel only, with their payloads', async () => {
    const { ch, heard, connects } = recorder('chan_one');
    await ch.open();
    expect(ch.listening).toBe(true);
    expect(connects()).toBe(1);
    await ch.open();
    expect(connects()).toBe(1);
    await admin.query("SELECT pg_notify('chan_one', 'a'), pg_notify('chan_other', 'b')");
    await admin.query("NOTIFY chan_one, 'c'");
    await until(() => heard.length === 2);
    expect(heard).toEqual(['a', 'c']);
    await ch.close();
  });

  it('reconnects after the server cuts it, and says so, so its owner can catch up', async () => {
    const { ch, heard, connects } = recorder('chan_two');
    await ch.open();
    expect(await cutListeners()).toBe(1);
    await until(() => connects() === 2);
    expect(ch.listening).toBe(true);
    await admin.query("SELECT pg_notify('chan_two', 'after')");
    await until(() => heard.length === 1);
    expect(heard).toEqual(['after']);
    await ch.close();
  });

  it('stays closed after a cut when nobody wants it, and opens again on demand', async () => {
    let wanted = false;
    const { ch, connects } = recorder('chan_three', () => wanted);
    await ch.open();
    await cutListeners();
    await until(() => !ch.listening);
    await new Promise((r) => setTimeout(r, 600));
    expect(connects()).toBe(1);
    wanted = true;
    await ch.open();
    expect(connects()).toBe(2);
    await ch.close();
  });

  it('hears nothing once closed, and does not reopen', async () => {
    const { ch, heard } = recorder('chan_four');
    await ch.open();
    await ch.close();
    expect(ch.listening).toBe(false);
    await ch.open();
    expect(ch.listening).toBe(false);
    await admin.query("SELECT pg_notify('chan_four', 'late')");
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual([]);
  });

  it('keeps retrying a database that is away, saying so in the log', async () => {
    const { findFreePort } = await import('../../../scripts/harness/postgres.mjs');
    const nowhere = `postgres://postgres@127.0.0.1:${await findFreePort()}/nothing`;
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const ch = new PgChannel(nowhere, 'chan_five', { notify: () => {}, connected: () => {}, wanted: () => true }, 'test');
      await ch.open();
      expect(ch.listening).toBe(false);
      await until(() => errors.length >= 2, 5000);
      await ch.close();
    } finally {
      console.error = log;
    }
    expect(String(errors[0])).toMatch(/test: cannot listen to the database/);
  });

  it('refuses a channel name that is not a plain identifier', () => {
    expect(() => new PgChannel(url, 'x; DROP TABLE rows', { notify: () => {}, connected: () => {}, wanted: () => true }, 'test')).toThrow(/plain channel name/);
  });
});

import { randomInt } from 'node:crypto';
import pg from 'pg';
import { passwordOf, withoutPassword } from '../config/database-url.js';
import { bossAdapter, type Database, keyHolderLockClass, type Queryable } from './database.js';
import { createStatementNames } from './statement-names.js';

/** Thrown when PostgreSQL at `DATABASE_URL` does not answer or refuses the connection. */
export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
  constructor(url: string, cause: unknown) {
    const password = passwordOf(url);
    // The driver's own words (ECONNREFUSED, "password authentication failed"…), never the password.
    const said = driverMessage(cause);
    const reason = password ? said.replaceAll(password, '***') : said;
    super(
      `Cannot connect to PostgreSQL at ${withoutPassword(url)}: ${reason}. Check that it is running and that DATABASE_URL (user, password, host, port, database) is right.`,
      { cause },
    );
  }
}

/** One line of what the driver said; a refused dual-stack connect is an AggregateError without a message. */
function driverMessage(cause: unknown): string {
  const error = cause as (Error & { code?: string; errors?: Error[] }) | undefined;
  const said =
    error?.message || error?.errors?.map((each) => each.message).join('; ') || error?.code;
  return (said || String(cause)).replace(/\s+/g, ' ');
}

/**
 * Connects once, bounded by `timeoutMs`: a host that drops packets, or a port where something
 * other than PostgreSQL never answers, fails start-up with the URL instead of hanging for minutes.
 * The pool itself keeps no connect timeout, so a burst waiting for a connection is never failed.
 */
async function checkReachable(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new DatabaseUnreachableError(url, timedOut(error, timeoutMs));
  } finally {
    await client.end().catch(() => {});
  }
}

/** pg says "timeout expired" or "Connection terminated due to connection timeout"; say how long. */
function timedOut(error: unknown, timeoutMs: number): unknown {
  const message = (error as Error | undefined)?.message ?? '';
  return /timeout/i.test(message)
    ? new Error(`no answer within ${timeoutMs / 1000} s (DATABASE_CONNECT_TIMEOUT_SECONDS)`, {
        cause: error,
      })
    : error;
}

// int8 (money in cents, counts) arrives as a string; keep it exact and convert where read.
/**
 * Opens a pool on `url` and checks it answers. With `holdKeys` (a process that serves the API)
 * it also takes this process's key-holder lock (see `Database.holder`) for as long as it is open.
 */
export async function openPostgres(
  url: string,
  options: { max?: number; holdKeys?: boolean; connectTimeoutMs?: number } = {},
): Promise<Database> {
  await checkReachable(url, options.connectTimeoutMs ?? 10_000);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const holderLock = options.holdKeys ? await takeHolderLock(url) : undefined;
  const statements = createStatementNames();
  /** Runs on `target` named when it can; a statement gone stale is forgotten (unnamed from now on). */
  const queryOn =
    (target: pg.Pool | pg.PoolClient): Queryable['query'] =>
    async <Row>(sql: string, params?: readonly unknown[]) => {
      try {
        return (await target.query(statements.query(sql, params))).rows as Row[];
      } catch (error) {
        if (statements.isStale(error)) statements.forget(sql);
        throw error;
      }
    };
  const poolQuery = queryOn(pool);
  // Another process changed a table under a named statement: it runs again, unnamed.
  const query: Queryable['query'] = <Row>(sql: string, params?: readonly unknown[]) =>
    poolQuery<Row>(sql, params).catch((error: unknown) => {
      if (!statements.isStale(error)) throw error;
      return poolQuery<Row>(sql, params);
    });
  return {
    kind: 'postgres',
    query,
    boss: bossAdapter(query),
    bossOptions: { connectionString: url, max: 4 },
    async transaction(work) {
      // A named statement another process's migration made stale aborts the transaction once per
      // text; each retry runs the texts that failed unnamed.
      for (let attempt = 1; ; attempt++) {
        try {
          return await transactionOnce(work);
        } catch (error) {
          if (!statements.isStale(error) || attempt >= staleRetries) throw error;
        }
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    ...(holderLock && { holder: holderLock.id }),
    async close() {
      await holderLock?.release();
      await pool.end();
    },
  };

  async function transactionOnce<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // A stale statement aborts the transaction; its next attempt runs that statement unnamed.
    const txQuery = queryOn(client);
    try {
      await client.query('begin');
      const result = await work({ query: txQuery, boss: bossAdapter(txQuery) });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Attempts of a transaction whose named statements a migration elsewhere made stale. */
const staleRetries = 4;

/** How long a lost key-holder connection waits before it is made again. */
const retakeAfterMs = 1_000;

/**
 * Takes a random positive int4 id under {@link keyHolderLockClass} with a session advisory lock on
 * a connection of its own. While the lock is lost (the connection dropped), duplicates may take
 * this process's keys over — `owner` fences the late writes of its requests — and its new claims
 * carry no holder (they last their lock time, as before); the connection is made again each
 * second, under the same id when it is free. A session lock needs a session: behind a pooler in
 * transaction mode, point DATABASE_URL at PostgreSQL itself.
 */
async function takeHolderLock(url: string) {
  let current: number | undefined;
  let session: pg.Client | undefined;
  let released = false;
  let retry: NodeJS.Timeout | undefined;

  const take = async (wanted: number | undefined) => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    // A dropped connection says so with 'error' then 'end'; 'end' takes the lock again.
    client.on('error', () => {});
    await client.connect();
    let id = wanted ?? randomHolderId();
    try {
      while (!(await tryLock(client, id))) id = randomHolderId();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (released) return client.end();
    session = client;
    current = id;
    client.once('end', () => {
      session = undefined;
      current = undefined;
      retakeLater(id);
    });
  };
  const retakeLater = (id: number) => {
    if (released) return;
    retry = setTimeout(() => take(id).catch(() => retakeLater(id)), retakeAfterMs);
  };

  await take(undefined);
  return {
    id: () => current,
    async release() {
      released = true;
      clearTimeout(retry);
      await session?.end().catch(() => {});
    },
  };
}

async function tryLock(client: pg.Client, id: number): Promise<boolean> {
  const { rows } = await client.query<{ taken: boolean }>(
    'select pg_try_advisory_lock($1, $2) as taken',
    [keyHolderLockClass, id],
  );
  return rows[0]?.taken === true;
}

const randomHolderId = () => randomInt(1, 2 ** 31);

import type { ConstructorOptions, Db as IDatabase } from 'pg-boss';

/** Anything that runs one parameterised SQL statement: the pool, or one transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** The same connection as pg-boss wants it, so jobs commit with the caller's transaction. */
  readonly boss: IDatabase;
}

/**
 * The gateway's database: PostgreSQL over `pg`, or PGlite embedded in the process. Both speak
 * the same SQL; nothing above this interface knows which one it has.
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** How pg-boss reaches the same database. */
  readonly bossOptions: ConstructorOptions;
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws. Keep `work`
   * to database statements: on PostgreSQL it runs again when a statement it named went stale under
   * another process's migration (see `statement-names.ts`).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * This process's id as a holder of idempotency keys, on PostgreSQL while it holds the session
   * advisory lock `(keyHolderLockClass, id)`: PostgreSQL ends it the moment the process dies, so a
   * retry need not wait out a dead holder's key. Absent on PGlite (one process); undefined while
   * the lock's connection is being made again.
   */
  holder?(): number | undefined;
  /**
   * Calls `onNotify` on each notification on `channel`. Present on PGlite only: one process, one
   * connection, where a notification arrives with the statement (or commit) that sent it, before
   * its caller goes on. Answers the call that stops listening.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The advisory lock class (first of two int4 keys) of the processes' key-holder locks. */
export const keyHolderLockClass = 7_242_012;

/** Shapes a query result of either driver into plain rows. */
export function bossAdapter(query: Queryable['query']): IDatabase {
  return {
    executeSql: async (text, values) => ({ rows: await query(text, values ?? []) }),
  };
}

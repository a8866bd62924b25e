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
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Shapes a query result of either driver into plain rows. */
export function bossAdapter(query: Queryable['query']): IDatabase {
  return {
    executeSql: async (text, values) => ({ rows: await query(text, values ?? []) }),
  };
}

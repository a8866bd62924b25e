import type { Queryable } from './database.js';

/** True when the database answers a trivial query. */
export function databaseAnswers(db: Queryable): Promise<boolean> {
  return db.query('select 1').then(
    () => true,
    () => false,
  );
}

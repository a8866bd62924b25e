import type { Database } from './database.js';
import { migrations } from './migrations.js';

// One lock id for the whole gateway: two processes starting together migrate one at a time.
const migrationLock = 7_242_001;

/**
 * Applies every migration not yet applied, each in its own transaction. Returns their ids.
 * `onPending` hears how many are about to run (only when some are), so a slow one is not silent.
 */
export async function migrate(
  db: Database,
  options: { onPending?: (count: number) => void } = {},
): Promise<string[]> {
  await db.exec(
    'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
  );
  const done = new Set(
    (await db.query<{ id: string }>('select id from schema_migrations')).map(({ id }) => id),
  );
  const pending = migrations.filter(({ id }) => !done.has(id)).length;
  if (pending > 0) options.onPending?.(pending);
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [migrationLock]);
      const done = await tx.query('select 1 from schema_migrations where id = $1', [migration.id]);
      if (done.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  return applied;
}

/** Our migrations hold no semicolons inside strings or bodies, so `;` ends a statement. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

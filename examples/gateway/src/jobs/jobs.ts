import type { PgBoss } from 'pg-boss';
import type { Queryable } from '../db/database.js';
import type { QueueName } from './queues.js';

/** Sends jobs, optionally inside a caller's transaction so they exist only if it commits. */
export interface Jobs {
  send(
    queue: QueueName,
    data: object,
    options?: { tx?: Queryable | undefined; startAfterSeconds?: number | undefined },
  ): Promise<void>;
}

export function createJobs(boss: PgBoss): Jobs {
  return {
    async send(queue, data, options = {}) {
      await boss.send(queue, data, {
        ...(options.tx ? { db: options.tx.boss } : {}),
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      });
    },
  };
}

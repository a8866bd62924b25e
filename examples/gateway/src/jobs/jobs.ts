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
  /** Several jobs of one queue in one statement. */
  sendMany(
    queue: QueueName,
    jobs: readonly { data: object; startAfterSeconds?: number | undefined }[],
    options?: { tx?: Queryable | undefined },
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
    async sendMany(queue, items, options = {}) {
      if (items.length === 0) return;
      await boss.insert(
        queue,
        items.map((item) => ({
          data: item.data,
          ...(item.startAfterSeconds ? { startAfter: item.startAfterSeconds } : {}),
        })),
        options.tx ? { db: options.tx.boss } : {},
      );
    },
  };
}

import * as z from 'zod/mini';

/** `GET /api/v1/test/jobs/status` (seed 002): queue statistics. */
export const jobStatus = z.looseObject({
  success: z.literal(true),
  pending: z.int(),
  processing: z.int(),
  completed: z.int(),
  failed: z.int(),
  worker_status: z.string(),
});

export type JobStatus = z.output<typeof jobStatus>;

/** `GET /health` (seed 004): database and queue. */
export const health = z.looseObject({
  status: z.union([z.literal('ok'), z.literal('degraded'), z.string()]),
  database: z.string(),
  queue: z.string(),
  version: z.optional(z.string()),
});

export type Health = z.output<typeof health>;

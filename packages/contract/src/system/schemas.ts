import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';

const count = (description: string, example: number) => doc(z.int(), description, example);

/** `GET /api/v1/test/jobs/status`: queue statistics of your key's merchant and mode. */
export const jobStatus = z.looseObject({
  success: doc(z.literal(true), 'Always true on success.', true),
  pending: count(
    "Your jobs waiting in the queues, in your key's mode (webhook deliveries and polls included).",
    0,
  ),
  processing: count("Your jobs being worked on now, in your key's mode.", 1),
  completed: count('Your webhook deliveries that succeeded.', 12),
  failed: count('Your webhook deliveries that gave up.', 0),
  worker_status: doc(
    openEnum(['running', 'stopped']),
    'Whether this process runs workers.',
    'running',
  ),
});

export type JobStatus = z.output<typeof jobStatus>;

const component = (description: string) => doc(openEnum(['ok', 'unavailable']), description, 'ok');

/** `GET /health`: database and queue. */
export const health = z.looseObject({
  status: doc(openEnum(['ok', 'degraded']), 'ok when the database and queue both answer.', 'ok'),
  database: component('Whether the database answers.'),
  queue: component('Whether the job queue answers.'),
  version: sometimes(z.optional(doc(z.string(), 'Gateway version, when it reports one.', '0.1.0'))),
  providers: sometimes(
    z.optional(
      doc(
        z.record(z.string(), openEnum(['closed', 'open', 'half-open'])),
        "Each provider's circuit by PROVIDER:mode: closed, open (skipped) or half-open (probing).",
        { 'MPESA_SAFARICOM:test': 'closed' },
      ),
    ),
  ),
});

export type Health = z.output<typeof health>;

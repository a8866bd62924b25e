/**
 * The check every webhook receiver example runs as its `test:example`: start the example's server,
 * send one delivery signed with the endpoint's secret, the same delivery again, and one whose
 * body was changed after signing, and fail unless the first is answered 2xx and logged by the
 * handler (`handled payment.completed <id>`), the copy is answered 200 as a duplicate, and the
 * third is refused with 400 `signature_mismatch` without reaching it. Sets `process.exitCode` and prints the server's log on failure.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/** A signed delivery as `@malipo/webhooks/testing`'s `signTestWebhook` makes it. */
interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}

export interface ReceiverExample {
  /** Node arguments that start the server (run with this Node). */
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** The endpoint's secret, also handed to the server as MALIPO_WEBHOOK_SECRET. */
  secret: string;
  /** Signs an event with a secret: `signTestWebhook` from `@malipo/webhooks/testing`. */
  sign(event: object, options: { secret: string }): Promise<SignedDelivery>;
  /** The webhook URL, once `ready` matches a log line (its match is passed in). */
  url(ready: RegExpMatchArray): string;
  ready: RegExp;
  /** How long the server may take to log `ready`. */
  readyTimeoutMs?: number;
}

/** A gateway `payment.completed` event, as the Malipo gateway sends it. */
function paymentCompleted(id: string) {
  return {
    id,
    event: 'payment.completed',
    payment_id: 'pay_example_1',
    merchant_id: 'mer_example_1',
    status: 'COMPLETED',
    amount_cents: 150_000,
    currency: 'KES',
    provider: 'mpesa',
    provider_reference: 'RKL1234ABC',
    timestamp: new Date().toISOString(),
    metadata: {},
  };
}

function check(condition: boolean, failure: string): asserts condition {
  if (!condition) throw new Error(failure);
}

/** What the delivery checks need of a receiver, wherever it runs. */
export interface DeliveryTarget {
  secret: string;
  /** Signs an event with a secret: `signTestWebhook` from `@malipo/webhooks/testing`. */
  sign(event: object, options: { secret: string }): Promise<SignedDelivery>;
  /** Delivers one request to the receiver and answers its status and body. */
  send(headers: Record<string, string>, body: string): Promise<{ status: number; body: string }>;
  /** Resolves once the handler has logged `handled payment.completed <id>`; rejects otherwise. */
  handled(id: string): Promise<void>;
  /** Whether any log line mentions `id` (a refused delivery must not). */
  mentioned(id: string): boolean;
}

/**
 * One delivery signed with the secret (2xx, handled) and one whose body was changed after signing
 * (400 `signature_mismatch`, never handled). Throws on the first check that fails.
 */
export async function checkDeliveries(target: DeliveryTarget): Promise<void> {
  const { secret } = target;
  const signed = await target.sign(paymentCompleted('evt_example_signed'), { secret });
  const accepted = await target.send(signed.headers, signed.body);
  check(
    accepted.status >= 200 && accepted.status < 300,
    `signed delivery: expected 2xx, got ${accepted.status} ${accepted.body}`,
  );
  await target.handled('evt_example_signed');
  console.log(`ok  signed delivery   -> ${accepted.status} ${accepted.body}, handler ran`);

  // The sender retries a delivery it saw no answer to: the copy is acknowledged, not handled.
  const redelivered = await target.send(signed.headers, signed.body);
  check(
    redelivered.status === 200 && /"duplicate":\s*true/.test(redelivered.body),
    `redelivery: expected 200 with "duplicate":true, got ${redelivered.status} ${redelivered.body}`,
  );
  console.log(`ok  redelivery        -> ${redelivered.status} ${redelivered.body}`);

  const original = await target.sign(paymentCompleted('evt_example_tampered'), { secret });
  const tampered = original.body.replace('"amount_cents":150000', '"amount_cents":1');
  check(tampered !== original.body, 'the test failed to change the signed body');
  const refused = await target.send(original.headers, tampered);
  check(
    refused.status === 400 && refused.body.includes('"signature_mismatch"'),
    `tampered delivery: expected 400 signature_mismatch, got ${refused.status} ${refused.body}`,
  );
  check(!target.mentioned('evt_example_tampered'), 'tampered delivery reached the handler');
  console.log(`ok  tampered delivery -> ${refused.status} signature_mismatch, handler not run`);
}

export async function checkReceiverExample(example: ReceiverExample): Promise<void> {
  const started = performance.now();
  const server = spawn(process.execPath, example.args, {
    cwd: example.cwd,
    env: { ...example.env, MALIPO_WEBHOOK_SECRET: example.secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  createInterface({ input: server.stdout }).on('line', (line) => lines.push(line));

  /** Waits for a server log line matching `pattern`; fails if the server exits first. */
  async function waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      for (const line of lines) {
        const match = line.match(pattern);
        if (match) return match;
      }
      if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
      await sleep(20);
    }
    throw new Error(`no server log line matching ${pattern} within ${timeoutMs} ms`);
  }

  try {
    const url = example.url(await waitForLine(example.ready, example.readyTimeoutMs ?? 15_000));
    await checkDeliveries({
      secret: example.secret,
      sign: example.sign,
      async send(headers, body) {
        const response = await fetch(url, { method: 'POST', headers, body });
        return { status: response.status, body: await response.text() };
      },
      handled: async (id) => {
        await waitForLine(new RegExp(`handled payment\\.completed ${id}`), 2_000);
      },
      mentioned: (id) => lines.some((line) => line.includes(id)),
    });
    console.log(`passed in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(`FAIL ${(error as Error).message}`);
    console.error(lines.map((line) => `  server| ${line}`).join('\n'));
    process.exitCode = 1;
  } finally {
    server.kill();
  }
}

import { createHmac, createSecretKey } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { Bench } from 'tinybench';
import { webCryptoProvider } from '../src/crypto/web-crypto.js';
import { nodeCryptoProvider, standardWebhooks, stripeSignature } from '../src/index.node.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
// The fastest plain use of node:crypto: a KeyObject (a Buffer key is ~5× slower on Node 24).
const key = createSecretKey(Buffer.from(secret.slice(6), 'base64'));
const stripeSecret = 'whsec_stripe_endpoint_secret';

const baselineName = 'raw node:crypto HMAC (baseline)';
const awaitedName = 'raw node:crypto HMAC, awaited';
const nodeName = '@malipo/webhooks (node:crypto path)';
const webName = '@malipo/webhooks (WebCrypto path)';

function body(size: number): string {
  const event = {
    id: 'evt_1',
    event: 'payment.completed',
    amount_cents: 10_000,
    metadata: { pad: '' },
  };
  event.metadata.pad = 'x'.repeat(size - JSON.stringify(event).length);
  return JSON.stringify(event);
}

/** The same headers with flat string values, as `node:http` gives a handler. */
function asReceived(headers: Record<string, string>): Record<string, string> {
  return JSON.parse(JSON.stringify(headers)) as Record<string, string>;
}

interface Row {
  name: string;
  perSecond: number;
  /** Median over rounds of the baseline's throughput divided by this task's, in the same round. */
  cost: number;
}

async function runSize(size: number): Promise<Row[]> {
  const payload = body(size);
  const timestamp = Math.floor(Date.now() / 1000);
  // Header values as an HTTP parser hands them over: flat strings. sign() builds them with
  // template strings (V8 cons strings), which no request carries and which every library here
  // reads several times more slowly character by character.
  const headers = asReceived(
    await standardWebhooks.sign(payload, { secret, id: 'msg_bench', timestamp }),
  );
  const signature = headers['webhook-signature']!;
  const svixHeaders = {
    'svix-id': headers['webhook-id']!,
    'svix-timestamp': headers['webhook-timestamp']!,
    'svix-signature': signature,
  };
  const stripeHeader = asReceived(
    await stripeSignature.sign(payload, { secret: stripeSecret, timestamp }),
  )['stripe-signature']!;
  const standard = new StandardWebhook(secret);
  const svix = new SvixWebhook(secret);
  const expected = signature.slice(3);
  let sink = 0;

  // Each task verifies `batch` times per call so the harness's own per-call cost stays negligible.
  const batch = 50;
  const bench = new Bench({ time: roundMs, warmup: true });
  bench
    .add(baselineName, () => {
      for (let i = 0; i < batch; i++) {
        const digest = createHmac('sha256', key)
          .update(`msg_bench.${timestamp}.`)
          .update(payload)
          .digest('base64');
        sink += digest === expected ? 1 : 0;
      }
    })
    // Any verify that returns a promise is awaited: this is the baseline plus that await alone.
    .add(awaitedName, async () => {
      for (let i = 0; i < batch; i++) {
        const digest = await createHmac('sha256', key)
          .update(`msg_bench.${timestamp}.`)
          .update(payload)
          .digest('base64');
        sink += digest === expected ? 1 : 0;
      }
    })
    .add(nodeName, async () => {
      for (let i = 0; i < batch; i++) {
        sink +=
          (await standardWebhooks.verify(payload, headers, { secret, crypto: nodeCryptoProvider }))
            .timestamp! > 0
            ? 1
            : 0;
      }
    })
    .add(webName, async () => {
      for (let i = 0; i < batch; i++) {
        sink +=
          (await standardWebhooks.verify(payload, headers, { secret, crypto: webCryptoProvider }))
            .timestamp! > 0
            ? 1
            : 0;
      }
    })
    .add('standardwebhooks', () => {
      for (let i = 0; i < batch; i++) sink += standard.verify(payload, headers) ? 1 : 0;
    })
    .add('svix', () => {
      for (let i = 0; i < batch; i++) sink += svix.verify(payload, svixHeaders) ? 1 : 0;
    })
    .add('stripe (constructEvent)', () => {
      for (let i = 0; i < batch; i++)
        sink += Stripe.webhooks.constructEvent(payload, stripeHeader, stripeSecret) ? 1 : 0;
    });
  // Shared machines drift: several short rounds, each task's median throughput across them, and
  // its cost against the baseline measured in the same round (so drift between rounds cancels).
  const perRound: number[][] = bench.tasks.map(() => []);
  for (let round = 0; round < rounds; round++) {
    await bench.run();
    bench.tasks.forEach((task, i) => {
      if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
      perRound[i]!.push(task.result.throughput.mean * batch);
    });
    bench.reset();
  }
  if (sink < 0) console.log(sink);
  const baseline = perRound[0]!;
  return bench.tasks.map((task, i) => ({
    name: task.name,
    perSecond: median(perRound[i]!),
    cost: median(perRound[i]!.map((perSecond, round) => baseline[round]! / perSecond)),
  }));
}

const rounds = 7;
const roundMs = 300;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Verification throughput for 1 KB and 64 KB bodies, ours beside the alternatives, as ratios. */
export async function benchVerifyThroughput(): Promise<void> {
  for (const size of [1024, 65_536]) {
    const rows = await runSize(size);
    const row = (name: string) => rows.find((r) => r.name === name)!;
    const standard = row('standardwebhooks').perSecond;
    console.log(`\nVerify throughput, ${size / 1024} KB body (verifications per second)`);
    for (const { name, perSecond, cost } of rows) {
      console.log(
        `  ${name.padEnd(38)} ${Math.round(perSecond).toLocaleString('en').padStart(10)}/s   ${cost.toFixed(2)}× the cost of raw node:crypto   ${(perSecond / standard).toFixed(2)}× standardwebhooks`,
      );
    }
    const node = row(nodeName).cost;
    const web = row(webName).perSecond;
    console.log(
      `  goal: node path within 1.25× of raw node:crypto → ${node.toFixed(2)}× (${node <= 1.25 ? 'met' : 'not met'}; awaiting alone costs ${row(awaitedName).cost.toFixed(2)}×)`,
    );
    console.log(
      `  goal: WebCrypto path ahead of standardwebhooks → ${(web / standard).toFixed(2)}× (${web > standard ? 'met' : 'not met'})`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchVerifyThroughput();

/**
 * The hosted checkout page on a cheap phone over a slow network, in Debian's Chromium: what it
 * transfers (HTML and script, compressed, headers included) and when it first paints (median of
 * 5 cold loads) under Chrome DevTools' "Fast 3G" and "Slow 3G" presets with the CPU slowed 4×.
 * Beside it, the same measure of an empty page from the same server: the network's own floor.
 */
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config/config.js';
import { startGateway } from '../src/gateway.js';
import { chromiumPath } from '../test/support/browser.js';
import { scratchDatabase } from '../test/support/databases.js';

/** Chrome DevTools' network presets (latency ms, throughput bytes/s). */
const networks = {
  'Fast 3G': {
    latency: 562.5,
    download: (1.6 * 1024 * 1024 * 0.9) / 8,
    upload: (750 * 1024 * 0.9) / 8,
  },
  'Slow 3G': { latency: 2000, download: (500 * 1024 * 0.8) / 8, upload: (500 * 1024 * 0.8) / 8 },
};
const runs = 5;

const database = await scratchDatabase('pglite');
const gateway = await startGateway(
  loadConfig({
    ...database.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    API_KEY: 'sk_test_bench_page_0001',
    API_SECRET: 'secret_bench_page_0001',
  }),
  { api: true, worker: true },
);
const url = gateway.url as string;
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

try {
  const created = await fetch(`${url}/api/v1/checkout/sessions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'sk_test_bench_page_0001',
      'x-api-secret': 'secret_bench_page_0001',
    },
    body: JSON.stringify({
      amount_cents: 150_000,
      currency: 'KES',
      description: 'Two tickets, row F',
      success_url: 'https://shop.example/paid',
      cancel_url: 'https://shop.example/cart',
    }),
  });
  const session = (await created.json()) as { url: string };

  /** One cold load: bytes over the wire and first contentful paint (ms). */
  const load = async (target: string, network?: (typeof networks)[keyof typeof networks]) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (network) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: network.latency,
        downloadThroughput: network.download,
        uploadThroughput: network.upload,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });
    await page.goto(target, { waitUntil: 'load' });
    const paint = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const found = performance.getEntriesByName('first-contentful-paint')[0];
          if (found) return resolve(found.startTime);
          new PerformanceObserver((list) => {
            resolve(list.getEntries()[0]?.startTime ?? Number.NaN);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    await page.waitForLoadState('networkidle');
    await context.close();
    return { bytes, paint };
  };
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

  const unthrottled = await load(session.url);
  console.log(
    `\nHosted checkout page: ${(unthrottled.bytes / 1024).toFixed(1)} KB transferred (HTML, inline CSS and script, compressed, with headers); goal ≤ 50 KB`,
  );
  console.log('network          page FCP (median of 5)   /health FCP (floor)   page − floor');
  for (const [name, network] of Object.entries(networks)) {
    const page: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      page.push((await load(session.url, network)).paint);
      floor.push((await load(`${url}/health`, network)).paint);
    }
    const [p, f] = [median(page), median(floor)];
    console.log(
      `${name.padEnd(16)} ${p.toFixed(0).padStart(8)} ms              ${f.toFixed(0).padStart(8)} ms      ${(p - f).toFixed(0).padStart(6)} ms`,
    );
  }
} finally {
  await browser.close();
  await gateway.close();
  await database.drop();
}

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  ensureBuilt,
  runEdgeChecks,
} from '../../../scripts/test-support/edge-runtime.js';

const packageDir = join(import.meta.dirname, '..');

describe('built default entry without Node globals', () => {
  // The root test command builds first; build here too so the file also runs alone.
  beforeAll(() => ensureBuilt(packageDir), 60_000);

  it('bundles for the browser with no node: imports', async () => {
    const result = await bundleForBrowser(join(packageDir, 'dist/index.js'));
    expect(result.errors).toEqual([]);
    expect(result.text).not.toMatch(/node:crypto|require\(["']node:/);
  });

  it('creates, retrieves and maps errors inside an Edge Runtime VM', async () => {
    const result = await runEdgeChecks(join(import.meta.dirname, 'edge/entry.ts'));
    expect(result).toEqual({
      globals: { process: 'undefined', Buffer: 'undefined', require: 'undefined' },
      created: 'pay_edge',
      retrieved: 'COMPLETED:req_edge',
      notFound: 'true:req_404',
      seen: [
        'POST /api/v1/payments keyed',
        'GET /api/v1/payments/pay_edge unkeyed',
        'GET /api/v1/payments/missing unkeyed',
      ],
    });
  });
});

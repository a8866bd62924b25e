import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  ensureBuilt,
  runEdgeChecks,
} from '../../../scripts/test-support/edge-runtime.js';

const packageDir = join(import.meta.dirname, '..');

describe('built default entry on a runtime without Node globals', () => {
  // The root test command builds first; build here too so the file also runs alone.
  beforeAll(() => ensureBuilt(packageDir), 60_000);

  it('bundles for the browser with no node: imports', async () => {
    const result = await bundleForBrowser(join(packageDir, 'dist/index.js'));
    expect(result.errors).toEqual([]);
    expect(result.text).not.toMatch(/require\(["']node:|from ["']node:/);
  });

  it('pushes, queries and parses callbacks, results and C2B inside an Edge Runtime VM', async () => {
    const result = await runEdgeChecks(join(import.meta.dirname, 'edge/entry.ts'));
    expect(result).toEqual({
      globals: { process: 'undefined', Buffer: 'undefined', require: 'undefined' },
      password:
        'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
      timestamp: '20240301003005',
      oauthRequests: 1,
      pending: 'pending',
      completed: 'completed',
      callback: 500,
      b2cResult: 1000,
      c2b: 500,
    });
  });
});

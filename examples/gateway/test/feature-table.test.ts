import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, errorCodes, gatewayEventTypes } from '@malipo/contract';
import { describe, expect, it } from 'vitest';
import { type AppDeps, createApp } from '../src/api.js';
import { environmentVariables, loadConfig } from '../src/config/config.js';

/**
 * docs/gateway-features.md says what the gateway implements, with the operations, settings and
 * tests of each feature. This keeps it true: every operation of the contract is named there, and
 * everything it names (operations, routes, settings, error codes, events, test titles) exists.
 */
const gatewayDir = join(import.meta.dirname, '..');
const docPath = join(gatewayDir, '../../docs/gateway-features.md');
const doc = readFileSync(docPath, 'utf8');

const statuses = ['implemented', 'test mode only', 'not implemented'];

interface Row {
  /** Where the row is, for failure messages: `docs/gateway-features.md:42`. */
  at: string;
  status: string;
  operations: string[];
  settings: string[];
  proofs: { file: string; titles: string[] }[];
}

/** The code spans of a cell that holds only code spans and commas, or `—` for none. */
function codeSpans(cell: string, at: string): string[] {
  if (cell === '—') return [];
  const spans = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
  const rest = cell.replace(/`[^`]+`/g, '').replace(/[,\s]/g, '');
  if (rest !== '') throw new Error(`${at}: "${rest}" is outside backticks`);
  return spans;
}

/** `` `test/x.test.ts`: "title"; "title"; `test/y.test.ts`: "title" ``, or `—`. */
function proofs(cell: string, at: string): Row['proofs'] {
  if (cell === '—') return [];
  const parts = cell.split(/`([^`]+)`/);
  if (parts[0]?.trim() !== '') throw new Error(`${at}: a proof starts with a test file`);
  const found: Row['proofs'] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const text = parts[i + 1] ?? '';
    const titles = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
    if (text.replace(/"[^"]+"/g, '').replace(/[:;\s]/g, '') !== '') {
      throw new Error(`${at}: after ${parts[i]}, only "quoted test titles" separated by ;`);
    }
    found.push({ file: parts[i] as string, titles });
  }
  return found;
}

/** The rows of every table whose header is `feature | status | operations | settings | proved by`. */
function featureRows(): Row[] {
  const lines = doc.split('\n');
  const rows: Row[] = [];
  let inTable = false;
  lines.forEach((line, index) => {
    if (!line.startsWith('|')) {
      inTable = false;
      return;
    }
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (cells.join('|') === 'feature|status|operations|settings|proved by') {
      inTable = true;
      return;
    }
    if (!inTable || cells.every((cell) => /^-+$/.test(cell))) return;
    const at = `docs/gateway-features.md:${index + 1}`;
    if (cells.length !== 5) throw new Error(`${at}: expected 5 cells, got ${cells.length}`);
    const [, status, operations, settings, proved] = cells as [string, ...string[]];
    rows.push({
      at,
      status: status as string,
      operations: codeSpans(operations as string, at),
      settings: codeSpans(settings as string, at),
      proofs: proofs(proved as string, at),
    });
  });
  return rows;
}

/** `GET /api/v1/payments/{}`: a method and a path with its parameter names left out. */
const routeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{\w+\}|:\w+/g, '{}')}`;

/** A `METHOD /path` the table names, rather than an operationId. */
const isRoute = (named: string) => /^[A-Z]+ \//.test(named);
const namedRouteKey = (named: string) => {
  const [method = '', path = ''] = named.split(' ');
  return routeKey(method, path);
};

/** The contract's operations, aliases included, as the OpenAPI document lists them. */
function contractOperations() {
  const { paths } = buildOpenApiDocument() as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) =>
      operation.operationId ? [{ id: operation.operationId, key: routeKey(method, path) }] : [],
    ),
  );
}

/**
 * The routes the gateway's Hono app serves beyond the contract (callbacks, pages, operator
 * routes, metrics). `createApp` only wires handlers: no dependency is used before a request
 * arrives, so each is a stand-in that throws if that ever changes.
 */
function servedRoutes(): Set<string> {
  const unused = (name: string) =>
    new Proxy(
      {},
      {
        get(_, property) {
          throw new Error(`createApp used deps.${name}.${String(property)} while wiring routes`);
        },
      },
    );
  const deps = {
    db: unused('db'),
    boss: unused('boss'),
    jobs: unused('jobs'),
    mpesa: { handleSimulator: undefined },
    buni: unused('buni'),
    breakers: unused('breakers'),
    // A metrics token, so that GET /metrics is among the routes.
    config: loadConfig({ METRICS_TOKEN: 'feature-table-metrics-token-0001' }),
    workerRunning: () => false,
    publicUrl: 'http://127.0.0.1:8000',
    metrics: unused('metrics'),
    logger: unused('logger'),
    adminTokenHash: 'unused',
    callbackTokens: unused('callbackTokens'),
    ingest: unused('ingest'),
    keys: unused('keys'),
  } as unknown as AppDeps;
  const app = createApp(deps);
  return new Set(
    app.routes.filter((route) => route.method !== 'ALL').map((r) => routeKey(r.method, r.path)),
  );
}

describe('docs/gateway-features.md', () => {
  const rows = featureRows();
  const operations = contractOperations();

  it('has feature rows, each with a status from its legend', () => {
    expect(rows.length).toBeGreaterThan(20);
    const unknown = rows.filter((row) => !statuses.includes(row.status));
    expect(unknown.map((row) => `${row.at}: ${row.status}`)).toEqual([]);
  });

  it('names every operation of the contract', () => {
    const named = new Set(
      rows.flatMap((row) => row.operations.map((op) => (isRoute(op) ? namedRouteKey(op) : op))),
    );
    const missing = operations.filter(
      (operation) => !named.has(operation.id) && !named.has(operation.key),
    );
    expect(missing.map((operation) => operation.id)).toEqual([]);
  });

  it('names only operations and routes that exist', () => {
    const ids = new Set(operations.map((operation) => operation.id));
    const contractKeys = new Set(operations.map((operation) => operation.key));
    const served = servedRoutes();
    const unknown = rows.flatMap((row) =>
      row.operations
        .filter((op) =>
          isRoute(op)
            ? !contractKeys.has(namedRouteKey(op)) && !served.has(namedRouteKey(op))
            : !ids.has(op),
        )
        .map((op) => `${row.at}: ${op}`),
    );
    expect(unknown).toEqual([]);
  });

  it('proves each implemented feature with a test file and titles found in it', () => {
    const problems = rows.flatMap((row) => {
      const found: string[] = [];
      const titles = row.proofs.flatMap((proof) => proof.titles);
      if (row.status !== 'not implemented' && titles.length === 0) {
        found.push(`${row.at}: no test title proves it`);
      }
      for (const { file, titles } of row.proofs) {
        const path = join(gatewayDir, file);
        if (!/^test\/[\w.-]+\.test\.ts$/.test(file) || !existsSync(path)) {
          found.push(`${row.at}: no test file examples/gateway/${file}`);
          continue;
        }
        const source = readFileSync(path, 'utf8');
        for (const title of titles) {
          if (!source.includes(title)) found.push(`${row.at}: no test "${title}" in ${file}`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it("names only settings of the gateway's configuration", () => {
    const unknown = rows.flatMap((row) =>
      row.settings
        .filter((name) => !environmentVariables.includes(name))
        .map((name) => `${row.at}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('names error codes with the status the contract gives them', () => {
    const wrong = [...doc.matchAll(/\b(\d{3}) `([A-Z][A-Z_]+)`/g)]
      .filter(([, status, code]) => errorCodes[code as keyof typeof errorCodes] !== Number(status))
      .map(([pair]) => pair);
    expect(wrong).toEqual([]);
  });

  it('lists exactly the event types of the contract', () => {
    const named = new Set(
      [...doc.matchAll(/`((?:payment|payout|refund|checkout\.session)\.[a-z_]+)`/g)].map(
        (m) => m[1],
      ),
    );
    expect([...named].sort()).toEqual([...gatewayEventTypes].sort());
  });
});

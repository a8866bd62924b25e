import { afterAll } from 'vitest';
import { ajvFor } from '../../../../packages/contract/test/support/ajv.js';
import { readDocument } from '../../../../packages/contract/test/support/openapi-document.js';

/**
 * Checks every answer a harness-started gateway gives over `globalThis.fetch` against
 * docs/openapi.json: the status must be documented for the operation (aliases included) and the
 * body must validate with AJV. Problems are collected and fail the test file at its end.
 */
const document = readDocument();
const ajv = ajvFor(document);
const origins = new Set<string>();
export const responseProblems: string[] = [];
let checked = 0;

type Op = {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
};
const templates = Object.entries(document.paths).map(([path, ops]) => ({
  regex: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  ops: ops as unknown as Record<string, Op>,
}));

async function check(method: string, url: URL, response: Response) {
  const op = templates.find((t) => t.regex.test(url.pathname))?.ops[method.toLowerCase()];
  if (!op) return;
  checked++;
  const where = `${method} ${url.pathname} → ${response.status}`;
  let documented = op.responses[String(response.status)];
  if (documented?.$ref) {
    documented = document.components.responses?.[documented.$ref.split('/').at(-1) ?? ''] as never;
  }
  if (!documented) return void responseProblems.push(`${where}: status not documented`);
  // Headers the document marks required on this response (Retry-After only where it applies).
  const headers = (documented as { headers?: Record<string, { $ref?: string }> }).headers ?? {};
  for (const [name, ref] of Object.entries(headers)) {
    const component = document.components.headers?.[ref.$ref?.split('/').at(-1) ?? ''] as
      | { required?: boolean }
      | undefined;
    if (component?.required && name !== 'Retry-After' && !response.headers.get(name)) {
      responseProblems.push(`${where}: no ${name} header`);
    }
  }
  if (!response.headers.get('x-request-id')) responseProblems.push(`${where}: no X-Request-Id`);
  const schema = documented.content?.['application/json']?.schema;
  if (!schema) return;
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  for (const problem of ajv.validate(schema, body)) responseProblems.push(`${where}: ${problem}`);
}

/** Starts checking answers from `baseUrl` (called by the harness for every gateway it starts). */
export function checkResponsesOf(baseUrl: string) {
  origins.add(new URL(baseUrl).origin);
}

const original = globalThis.fetch;
/** `fetch` without the check: for readiness probes, which may meet a gateway still starting. */
export const uncheckedFetch: typeof fetch = (input, init) => original(input, init);
globalThis.fetch = async (input, init) => {
  const response = await original(input, init);
  const isRequest = input instanceof Request;
  const url = new URL(isRequest ? input.url : String(input));
  const method = init?.method ?? (isRequest ? input.method : 'GET');
  if (origins.has(url.origin)) await check(method.toUpperCase(), url, response);
  return response;
};

afterAll(() => {
  if (responseProblems.length > 0)
    throw new Error(
      `answers that docs/openapi.json does not describe (${checked} checked):\n${responseProblems.join('\n')}`,
    );
});

import { describe, expect, it } from 'vitest';
import { readDocument } from './support/openapi-document.js';

interface Item {
  name: string;
  item?: Item[];
  request?: {
    method: string;
    url: { path?: string[] };
    header?: { key: string; disabled?: boolean }[];
  };
}

const requests = (items: Item[]): Item[] =>
  items.flatMap((item) => (item.item ? requests(item.item) : item.request ? [item] : []));

describe('Postman import (openapi-to-postmanv2)', () => {
  it('carries X-API-Key and X-API-Secret on every authenticated request', async () => {
    const { convert } = (await import('openapi-to-postmanv2')).default as unknown as {
      convert: (
        input: { type: 'json'; data: unknown },
        options: object,
        done: (
          error: unknown,
          result: { result: boolean; reason?: string; output: { data: { item: Item[] } }[] },
        ) => void,
      ) => void;
    };
    const result = await new Promise<{
      result: boolean;
      reason?: string;
      output: { data: { item: Item[] } }[];
    }>((resolve, reject) =>
      convert({ type: 'json', data: readDocument() }, {}, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    expect(result.reason).toBeUndefined();
    const all = requests(result.output[0]?.data.item ?? []);
    expect(all.length).toBeGreaterThanOrEqual(20);
    const withoutBoth = all
      .filter((item) => item.request?.url.path?.join('/') !== 'health')
      .filter((item) => {
        const names = (item.request?.header ?? [])
          .filter((h) => !h.disabled)
          .map((h) => h.key.toLowerCase());
        return !(names.includes('x-api-key') && names.includes('x-api-secret'));
      })
      .map((item) => item.name);
    expect(withoutBoth).toEqual([]);
    // Loading the converter (hundreds of modules) takes seconds on a loaded machine.
  }, 60_000);
});

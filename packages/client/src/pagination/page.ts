import { MalipoResponseValidationError } from '../errors/client-errors.js';
import type { WithResponse } from '../http/request.js';

/** One page of a list endpoint. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * What list methods return: await it for the first page, or iterate it with `for await` to
 * walk every item across pages (the next page is fetched only when needed).
 *
 * @example
 * for await (const payment of client.payments.list({ status: 'COMPLETED' })) total += payment.amount_cents;
 */
export class PagePromise<T> implements PromiseLike<WithResponse<Page<T>>>, AsyncIterable<T> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<WithResponse<Page<T>>>;
  #first: Promise<WithResponse<Page<T>>> | undefined;

  constructor(fetchPage: (cursor: string | undefined) => Promise<WithResponse<Page<T>>>) {
    this.#fetchPage = fetchPage;
  }

  #firstPage(): Promise<WithResponse<Page<T>>> {
    this.#first ??= this.#fetchPage(undefined);
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: PagePromise is deliberately thenable (await gives the first page, for-await walks every page), like Stripe's and OpenAI's.
  then<A = WithResponse<Page<T>>, B = never>(
    onfulfilled?: ((value: WithResponse<Page<T>>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  /** Every item across pages, fetching the next page as the loop reaches it (`for await`). */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#firstPage();
    const followed = new Set<string>();
    for (;;) {
      // Answers are not checked against the contract by default: a page without a list stops here.
      if (!Array.isArray(page.data)) {
        throw new MalipoResponseValidationError(
          'the server answered a page without a `data` list.',
          page,
          page.$response.requestId,
        );
      }
      yield* page.data;
      if (!page.has_more || !page.next_cursor) return;
      if (followed.has(page.next_cursor)) {
        // A cursor already followed (the server ignored it, or its cursors go round in a cycle):
        // following it again would fetch the same pages forever.
        throw new MalipoResponseValidationError(
          `the server answered next_cursor "${page.next_cursor}", a cursor already followed; stopping instead of fetching the same pages forever.`,
          page,
          page.$response.requestId,
        );
      }
      followed.add(page.next_cursor);
      page = await this.#fetchPage(page.next_cursor);
    }
  }

  /** Collects every item (mind the size of what you ask for). */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

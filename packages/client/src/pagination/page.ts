import { isMalipoValidationError, MalipoResponseValidationError } from '../errors/client-errors.js';
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

  /** The first page's failure, as a promise's `catch`. */
  catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<WithResponse<Page<T>> | B> {
    return this.#firstPage().catch(onrejected);
  }

  /** Runs `onfinally` once the first page settles, as a promise's `finally`. */
  finally(onfinally?: (() => void) | null): Promise<WithResponse<Page<T>>> {
    return this.#firstPage().finally(onfinally);
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
      // Only a literal `true` continues: `"false"` is truthy.
      if (page.has_more !== true) {
        yield* page.data;
        return;
      }
      if (page.data.length === 0) {
        // An empty page that claims more would be followed page after page, yielding nothing.
        throw new MalipoResponseValidationError(
          'the server answered an empty page with has_more: true; stopping instead of fetching empty pages forever.',
          page,
          page.$response.requestId,
        );
      }
      yield* page.data;
      if (typeof page.next_cursor !== 'string' || page.next_cursor === '') {
        throw new MalipoResponseValidationError(
          'the server answered has_more: true without a next_cursor to follow.',
          page,
          page.$response.requestId,
        );
      }
      if (followed.has(page.next_cursor)) {
        // A cursor already followed (the server ignored it, or its cursors go round in a cycle):
        // following it again would fetch the same pages forever.
        throw new MalipoResponseValidationError(
          `the server answered next_cursor "${page.next_cursor.slice(0, 100)}", a cursor already followed; stopping instead of fetching the same pages forever.`,
          page,
          page.$response.requestId,
        );
      }
      followed.add(page.next_cursor);
      page = await this.#next(page);
    }
  }

  /** The page after `page`. A cursor the API refuses is the server's answer at fault, not yours. */
  async #next(page: WithResponse<Page<T>>): Promise<WithResponse<Page<T>>> {
    try {
      return await this.#fetchPage(page.next_cursor!);
    } catch (error) {
      if (!isMalipoValidationError(error) || error.field !== 'cursor') throw error;
      throw new MalipoResponseValidationError(
        `the server answered a next_cursor the API does not accept (${error.message.replace(/^@malipo\/client: /, '')}).`,
        page,
        page.$response.requestId,
      );
    }
  }

  /** Collects every item (mind the size of what you ask for). */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

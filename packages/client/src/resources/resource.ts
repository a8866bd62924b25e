import type { RequestName } from '@malipo/contract/requests';
import type { Call, CallArgs, WithResponse } from '../http/request.js';
import { type Page, PagePromise } from '../pagination/page.js';

/** What every resource shares: the transport, private to it, and pagination. */
export abstract class Resource {
  readonly #call: Call;

  /**
   * Made by `new Malipo()`, which hands every resource the same transport.
   * @internal
   */
  constructor(call: Call) {
    this.#call = call;
  }

  /**
   * One request to the operation `name`.
   * @internal
   */
  protected request<T>(name: RequestName, args?: CallArgs): Promise<WithResponse<T>> {
    return this.#call<T>(name, args);
  }

  /**
   * A list: awaited, its first page; iterated with `for await`, every item across pages.
   * @internal
   */
  protected paginate<T>(name: RequestName, args: CallArgs = {}): PagePromise<T> {
    return new PagePromise((cursor) =>
      this.#call<Page<T>>(name, {
        ...args,
        query: { ...args.query, ...(cursor ? { cursor } : {}) },
      }),
    );
  }
}

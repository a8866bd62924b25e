import type { RouteSpec } from '@malipo/contract';
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
   * One request to `route`.
   * @internal
   */
  protected request<T>(route: RouteSpec, args?: CallArgs): Promise<WithResponse<T>> {
    return this.#call<T>(route, args);
  }

  /**
   * A list: awaited, its first page; iterated with `for await`, every item across pages.
   * @internal
   */
  protected paginate<T>(route: RouteSpec, args: CallArgs = {}): PagePromise<T> {
    return new PagePromise((cursor) =>
      this.#call<Page<T>>(route, {
        ...args,
        query: { ...args.query, ...(cursor ? { cursor } : {}) },
      }),
    );
  }
}

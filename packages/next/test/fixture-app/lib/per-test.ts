import type { MountOptions } from '@malipo/adapter-contract';

declare global {
  /** Set by next.test.ts, which runs this app inside its own process, for each test. */
  var __malipoNextFixture: MountOptions | undefined;
}

/**
 * A route handler rebuilt for each test's options: the contract gives every test a fresh
 * secret and recorder, while Next starts once. `build` is the line a README would show.
 */
export function perTest<A extends unknown[], R>(
  build: (options: MountOptions) => (...args: A) => R,
): (...args: A) => R {
  const built = new WeakMap<MountOptions, (...args: A) => R>();
  return (...args) => {
    const options = globalThis.__malipoNextFixture;
    if (!options) throw new Error('fixture-app: no options; start it from next.test.ts');
    let handler = built.get(options);
    if (!handler) {
      handler = build(options);
      built.set(options, handler);
    }
    return handler(...args);
  };
}

// A module loader hook for `node --import`: resolves msw as if it were not installed, the way a
// user who skipped the optional peer sees it (ERR_MODULE_NOT_FOUND).
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (/^msw(\/|$)/.test(specifier)) {
      const error = new Error(`Cannot find package '${specifier}' (blocked by without-msw.mjs)`);
      error.code = 'ERR_MODULE_NOT_FOUND';
      throw error;
    }
    return nextResolve(specifier, context);
  },
});

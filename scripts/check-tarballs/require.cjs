// The CommonJS user: every package loaded with this module's require() (the checks themselves
// live in an ES module, which does not change how the packages resolve).
import('./run-checks.mjs')
  .then(({ runChecks }) => runChecks(async (id) => require(id), 'require'))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });

/**
 * The single list of vitest projects. Vitest 4+ reads projects from the root config's
 * `test.projects`; `vitest.config.ts` imports this list so there is one place to add a package.
 */
export const projects = ['packages/*', 'examples/*', 'scripts/test-support'];

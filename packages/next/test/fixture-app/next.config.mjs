/**
 * The app next.test.ts starts inside the test process. Built with webpack: Turbopack cannot
 * yet map the workspace sources' `./x.js` imports to `x.ts` (vercel/next.js#82945). Routes
 * are `.js`: a `.ts` route makes Next set up TypeScript, which installs `@types/react` into
 * the workspace when it is missing.
 * @type {import('next').NextConfig}
 */
export default {
  // Build output under node_modules/.cache, which git, Biome and tsc already ignore.
  distDir: '../../node_modules/.cache/next-fixture',
  logging: { incomingRequests: false },
  experimental: {
    externalDir: true,
    extensionAlias: { '.js': ['.ts', '.js'] },
  },
};

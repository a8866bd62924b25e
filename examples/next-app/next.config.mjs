/**
 * Built with webpack: Turbopack cannot yet map the workspace sources' `./x.js` imports to
 * `x.ts` (vercel/next.js#82945); an app using the published `@malipo/next` needs neither this
 * nor `extensionAlias`.
 * @type {import('next').NextConfig}
 */
export default {
  // Build output under node_modules/.cache, which git, Biome and tsc already ignore.
  distDir: 'node_modules/.cache/next',
  experimental: {
    externalDir: true,
    extensionAlias: { '.js': ['.ts', '.js'] },
  },
};

// Runs in the scratch project scripts/check-tarballs.mjs installs, with `load` being import()
// (from import.mjs) or require() (from require.cjs), so each run uses one module system only.
import { readFileSync, writeFileSync } from 'node:fs';

const describe = (names) => (typeof names === 'string' ? names : `${names.length} exports`);

/** A missing optional peer named in a module-not-found error, or undefined. */
function missingOptionalPeer(error, optionalPeers) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'MODULE_NOT_FOUND') return;
  return optionalPeers.find((peer) => String(error.message).includes(`'${peer}'`));
}

/**
 * Loads every published entry point and runs each package's tarball-use module with `load`.
 * Writes the export names seen to exports-<moduleSystem>.json for the import/require comparison.
 */
export async function runChecks(load, moduleSystem) {
  const how = `${moduleSystem}, node ${process.version}`;
  const { packages } = JSON.parse(readFileSync(new URL('manifest.json', import.meta.url), 'utf8'));
  const seen = {};
  for (const { name, entries, optionalPeers, use } of packages) {
    for (const id of entries) {
      try {
        const exports = Object.keys(await load(id)).filter(
          (key) => key !== 'default' && key !== '__esModule',
        );
        if (exports.length === 0) throw new Error(`${id} (${how}): no exports`);
        seen[id] = exports.sort();
      } catch (error) {
        // An entry made for an optional peer (like ./testing/msw) fails without it, by design.
        const peer = missingOptionalPeer(error, optionalPeers);
        if (!peer) throw error;
        seen[id] = `needs ${peer} (an optional peer, not installed)`;
      }
    }
    const summary = entries.map((id) => `.${id.slice(name.length)} ${describe(seen[id])}`);
    console.log(`load ok: ${name} (${how}): ${summary.join(', ')}`);
    if (use) await (await import(new URL(use, import.meta.url))).default(load, how);
  }
  writeFileSync(
    new URL(`exports-${moduleSystem}.json`, import.meta.url),
    JSON.stringify(seen, null, 2),
  );
}

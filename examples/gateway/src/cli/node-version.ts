/** The oldest Node.js major the gateway runs on (its dependencies, undici 8 among them, need it). */
export const minimumNodeMajor = 24;

/**
 * One line saying to upgrade when `version` (`process.version`) is older than
 * {@link minimumNodeMajor}; undefined when it will do. Checked before anything heavy loads: an
 * older Node otherwise fails deep inside a dependency with a message about `bind`.
 */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= minimumNodeMajor) return undefined;
  return `The gateway needs Node.js ${minimumNodeMajor} or later; this is Node.js ${version}. Install Node.js ${minimumNodeMajor} (nvm install ${minimumNodeMajor}, fnm, Volta or your package manager) and start it again.`;
}

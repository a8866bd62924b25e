import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { freePort } from './free-port.js';
import { checkResponsesOf, uncheckedFetch } from './openapi-responses.js';

export { freePort };

const gatewayDir = fileURLToPath(new URL('../..', import.meta.url));

/** The gateway as its own process (`main.ts start`), as a user runs it — so it can be SIGKILLed. */
export interface ChildGateway {
  process: ChildProcess;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function spawnGateway(
  env: Record<string, string>,
  url: string,
  command: 'start' | 'api' | 'worker' | 'simulator' = 'start',
): Promise<ChildGateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', command], {
    cwd: gatewayDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`gateway exited with ${child.exitCode}:\n${output}`);
    // Workers serve no HTTP: ready once the banner is out. The simulator answers its OAuth path.
    const healthy =
      command === 'worker'
        ? output.includes('workers running')
        : await uncheckedFetch(
            command === 'simulator' ? `${url}/oauth/v1/generate` : `${url}/health`,
          ).then(
            (response) =>
              command === 'simulator' ? response.status === 400 || response.ok : response.ok,
            () => false,
          );
    if (healthy) {
      if (command === 'start' || command === 'api') checkResponsesOf(url);
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    process: child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

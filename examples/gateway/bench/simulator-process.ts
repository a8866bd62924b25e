import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/**
 * The Daraja simulator in a process of its own (`main.ts simulator`), as Daraja is in production:
 * the measured gateway process does none of its work. `publicUrl` is the gateway's, whose
 * callback URLs the simulator accepts.
 */
export async function startSimulatorProcess(
  publicUrl: string,
): Promise<{ url: string; close(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'simulator'], {
    env: {
      ...process.env,
      SIMULATOR_PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      // No customer answers during a run: only the push is measured.
      TEST_PROCESSING_DELAY: '600000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Daraja simulator on (\S+)/.exec(out);
      if (found) resolve(found[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}): ${out}`)));
  });
  return { url, close: () => child.kill() };
}

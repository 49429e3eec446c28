import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../system/support/ledger-process.js';

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/** The built CLI, as an operator runs it beside the service (`ledger <args>` on the same data folder). */
export async function ledgerCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { code, output } = await run(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), ...args], env);
  if (code !== 0) throw new Error(`ledger ${args.join(' ')} exited ${code}:\n${output}`);
  return output;
}

/** npm run seed:demo's script against the running service. */
export async function seedDemo(baseUrl: string, dataDir: string): Promise<void> {
  const { code, output } = await run(process.execPath, ['--import', './test/support/register-ts.mjs', 'src/demo/seed-demo.ts'], {
    BASE_URL: baseUrl,
    LEDGER_DATA_DIR: dataDir,
  });
  if (code !== 0) throw new Error(`seed:demo failed:\n${output}`);
}

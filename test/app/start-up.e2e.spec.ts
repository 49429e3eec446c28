import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port.js';
import { BUILT_MAIN } from '../system/support/ledger-process.js';

/** The built service (npm test builds it first), started as a user starts it: node dist/main.js. */
const projectRoot = resolve(import.meta.dirname, '..', '..');

interface Started {
  readonly code: number | null;
  readonly stderr: string;
  readonly health?: unknown;
}

function runMain(env: NodeJS.ProcessEnv, probePort?: number): Promise<Started> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUILT_MAIN], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let health: unknown;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const deadline = setTimeout(() => child.kill('SIGKILL'), 150_000);
    let polling: NodeJS.Timeout | undefined;
    if (probePort !== undefined) {
      polling = setInterval(async () => {
        try {
          const response = await fetch(`http://127.0.0.1:${probePort}/health`);
          health = { status: response.status, body: await response.json() };
          child.kill('SIGTERM');
        } catch {
          // not listening yet
        }
      }, 200);
    }
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(deadline);
      clearInterval(polling);
      done({ code, stderr, health });
    });
  });
}

describe('starting the service', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-start-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('listens on PORT with its data in LEDGER_DATA_DIR and answers /health with 200', async () => {
    const port = await freePort();
    const started = await runMain({ PORT: String(port), HOST: '127.0.0.1', LEDGER_DATA_DIR: join(folder, 'data') }, port);
    expect(started.health).toMatchObject({ status: 200, body: { status: 'ok' } });
  }, 180_000);

  it.each([
    [{ PORT: 'eighty' }, 'Configuration error: PORT must be a whole number from 1 to 65535, got "eighty".'],
    [{ LEDGER_STORE: 'mongodb' }, 'Configuration error: LEDGER_STORE must be one of sqlite, eventstoredb, got "mongodb".'],
    [{ LEDGER_STORE: 'eventstoredb' }, 'Configuration error: EVENTSTORE_CONNECTION_STRING is required when LEDGER_STORE is eventstoredb'],
  ])(
    'refuses %p at start with a sentence naming the setting',
    async (env, sentence) => {
      const started = await runMain({ LEDGER_DATA_DIR: folder, ...env });
      expect(started.code).toBe(1);
      expect(started.stderr).toContain(sentence);
      expect(started.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
    },
    180_000,
  );

  it('refuses a LEDGER_DATA_DIR it cannot write to, naming it', async () => {
    const notAFolder = join(folder, 'a-file');
    writeFileSync(notAFolder, 'x');
    const started = await runMain({ LEDGER_DATA_DIR: notAFolder, PORT: String(await freePort()) });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(
      `Configuration error: LEDGER_DATA_DIR must be a folder the service can write to; "${notAFolder}" is not`,
    );
  }, 180_000);
});

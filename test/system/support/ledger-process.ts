import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { embeddedSecret } from '../../../src/auth/jwt/embedded-secret.js';
import type { Role } from '../../../src/auth/principal.js';
import { testToken } from '../../support/test-tokens.js';
import { freePort } from '../../support/free-port.js';

/**
 * The project's root, the nearest folder above this file with a package.json (this file also runs
 * compiled, from dist-bench/): the built service is `dist/main.js` there (npm test builds it first).
 */
export const PROJECT_ROOT = projectRootAbove(import.meta.dirname);
export const BUILT_MAIN = join(PROJECT_ROOT, 'dist', 'main.js');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Milliseconds from the signal that stopped it (or from kill()) to the process's exit. */
  readonly afterSignalMs: number | null;
}

/**
 * The built service as an operator runs it: `node dist/main.js` in its own process on a data folder
 * of its own, driven over HTTP only. It can be killed and started again on the same folder.
 */
export class LedgerProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private signalledAt: number | null = null;
  private exited: Promise<Exit> | undefined;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly ownsDataDir: boolean,
  ) {}

  /** A new temporary data folder and a free port; call start() to run the service. */
  static async create(env: NodeJS.ProcessEnv = {}, dataDir?: string): Promise<LedgerProcess> {
    if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run "npm run build" first (npm test does).`);
    const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'ledger-system-'));
    return new LedgerProcess(folder, await freePort(), env, dataDir === undefined);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything the process wrote to stdout and stderr since it was first started. */
  get log(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the service and resolves once /health answers 200. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error('The service is already running.');
    const child = spawn(process.execPath, [BUILT_MAIN], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, PORT: String(this.port), HOST: '127.0.0.1', LEDGER_DATA_DIR: this.dataDir, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.signalledAt = null;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.exited = new Promise<Exit>((done) =>
      child.once('exit', (code, signal) => {
        this.child = undefined;
        done({ code, signal, afterSignalMs: this.signalledAt === null ? null : Date.now() - this.signalledAt });
      }),
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.child) throw new Error(`The service exited before it was healthy:\n${this.output.slice(-4000)}`);
      try {
        const response = await fetch(`${this.baseUrl}/health`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.kill('SIGKILL');
        throw new Error(`The service was not healthy within ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
      }
      await new Promise((next) => setTimeout(next, 100));
    }
  }

  /** Sends a signal and resolves when the process has exited (SIGKILL by default). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    const { child, exited } = this;
    if (!child || !exited) return { code: null, signal: null, afterSignalMs: null };
    this.signalledAt = Date.now();
    child.kill(signal);
    return exited;
  }

  /** Resolves when the process exits on its own (after a signal sent elsewhere, or a crash). */
  waitForExit(): Promise<Exit> {
    return this.exited ?? Promise.resolve({ code: null, signal: null, afterSignalMs: null });
  }

  /** A token of this data folder's embedded secret (the service creates it on its first start). */
  token(subject: string, roles: readonly Role[], units: readonly string[] | 'all' = 'all'): string {
    return testToken(embeddedSecret(this.dataDir), { subject, roles, units, ttlSeconds: 3600 });
  }

  /** A fetch to the service; JSON bodies are encoded, and a token is sent when given. */
  async request(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
  }

  /** Stops the service if it runs and removes the data folder this harness created. */
  async dispose(): Promise<void> {
    await this.kill('SIGKILL');
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function projectRootAbove(folder: string): string {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) throw new Error(`No package.json above ${folder}.`);
  }
}

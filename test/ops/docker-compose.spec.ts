/**
 * docker-compose.yml and the Dockerfile as an operator would run them; there is no Docker engine
 * here, so they are read as YAML and text and checked for what the README promises: a readiness
 * healthcheck, a non-root user owning an owner-only data volume, and every documented setting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';

const root = join(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Record<string, unknown>>;
  volumes: Record<string, unknown>;
};
const ledger = compose.services.ledger as {
  user: string;
  environment: Record<string, string>;
  volumes: string[];
  healthcheck: { test: string[]; interval: string; start_period: string };
  stop_grace_period: string;
};
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

/** `${NAME:-default}` as Compose interpolates it when NAME is not set. */
function interpolated(value: string): string {
  return String(value).replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
}

function seconds(duration: string): number {
  const match = /^(\d+)(s|m)$/.exec(duration);
  if (!match) throw new Error(`Not a duration: ${duration}`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

describe('docker-compose.yml', () => {
  it('checks the ledger on /health/ready, with a command the image can run (Node, no curl)', () => {
    const [kind, ...command] = ledger.healthcheck.test;
    expect(kind).toBe('CMD');
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("fetch('http://127.0.0.1:3000/health/ready')");
    expect(command[2]).toContain('process.exit(r.ok ? 0 : 1)');
    expect(seconds(ledger.healthcheck.start_period)).toBeGreaterThanOrEqual(60);
  });

  it('runs the service as the unprivileged user that owns the data volume, which is owner-only', () => {
    expect(ledger.user).toBe('1000:1000');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/chown node:node \/data && chmod 0700 \/data/);
    expect(ledger.environment.LEDGER_DATA_DIR).toBe('/data');
    expect(ledger.volumes).toContain('ledger-data:/data');
    expect(Object.keys(compose.volumes)).toContain('ledger-data');
  });

  it('gives every setting of the README configuration table, and its defaults start the service', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Recording facts'));
    const settings = [...table.matchAll(/^\| `([A-Z0-9_]+)`(?: \/ `([A-Z0-9_]+)`)?(?:, `([A-Z0-9_]+)`)?/gm)].flatMap((match) =>
      match.slice(1).filter((name): name is string => name !== undefined),
    );
    expect(settings.length).toBeGreaterThan(25);
    expect(Object.keys(ledger.environment).sort()).toEqual(expect.arrayContaining(settings.sort()));
    const env = Object.fromEntries(Object.entries(ledger.environment).map(([name, value]) => [name, interpolated(value)]));
    expect(() => loadLedgerConfig(env)).not.toThrow();
  });

  it('lets requests in flight finish on stop before Docker kills the service', () => {
    const grace = Number(interpolated(ledger.environment.SHUTDOWN_GRACE_SECONDS));
    expect(seconds(ledger.stop_grace_period)).toBeGreaterThan(grace);
  });
});

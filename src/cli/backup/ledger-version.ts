import { readFileSync } from 'node:fs';

/**
 * The version of the ledger that runs, from its package.json: three folders up from both src/cli/backup
 * (run from the sources) and dist/cli/backup (built), and shipped in the container image.
 */
export function ledgerVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from './error-messages';

const SERVICE_SOURCES = resolve(import.meta.dirname, '..', '..', '..', 'src');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Every error code the service can answer: the dotted ones (CASE.CLOSED, AUTH.ROLE_REQUIRED...)
 * wherever they are written, and the one-word ones given as a code (NOT_FOUND, INTERNAL...).
 */
function serviceErrorCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(SERVICE_SOURCES)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/'([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)+)'/g)) codes.add(match[1]);
    for (const match of text.matchAll(/(?:code(?:\s*=|:)\s*|DomainError\(\s*)'([A-Z][A-Z0-9_]+)'/g)) codes.add(match[1]);
  }
  return codes;
}

describe('error messages', () => {
  const codes = serviceErrorCodes();

  it('finds the codes of the service (a sanity check of the collector)', () => {
    for (const code of [
      'CASE.CLOSED',
      'AUTH.ROLE_REQUIRED',
      'VALIDATION.FAILED',
      'NOT_FOUND',
      'INTERNAL',
      'PRECONDITION_FAILED',
      'SESSION.LINK_USED',
    ])
      expect(codes).toContain(code);
    expect(codes.size).toBeGreaterThan(150);
  });

  it('has a Vietnamese and an English sentence for every code the service can answer', () => {
    const missing = [...codes].filter((code) => !ERROR_MESSAGES[code]?.vi || !ERROR_MESSAGES[code]?.en).sort();
    expect(missing).toEqual([]);
  });
});

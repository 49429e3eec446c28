import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CitizenStatusTokens, statusTokenSecret } from './citizen-status-token.js';

describe("a citizen's status token", () => {
  const tokens = new CitizenStatusTokens(Buffer.alloc(32, 7));

  it('is 256 bits in base64url, the same for the same case, another for another case or another secret', () => {
    const token = tokens.tokenFor('case-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.tokenFor('case-1')).toBe(token);
    expect(tokens.tokenFor('case-2')).not.toBe(token);
    expect(new CitizenStatusTokens(Buffer.alloc(32, 8)).tokenFor('case-1')).not.toBe(token);
  });

  it('matches only the hash recorded for it, and nothing malformed', () => {
    const token = tokens.tokenFor('case-1');
    const hash = CitizenStatusTokens.hashOf(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(CitizenStatusTokens.matches(token, hash)).toBe(true);
    expect(CitizenStatusTokens.matches(tokens.tokenFor('case-2'), hash)).toBe(false);
    expect(CitizenStatusTokens.matches(`${token}x`, hash)).toBe(false);
    expect(CitizenStatusTokens.matches(token, undefined)).toBe(false);
    expect(CitizenStatusTokens.matches(token, hash.toUpperCase())).toBe(false);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new CitizenStatusTokens(Buffer.alloc(16))).toThrow('at least 32 bytes');
  });

  it('keeps its secret in the data folder, owner-only, made once', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-status-token-'));
    try {
      const first = statusTokenSecret(folder);
      expect(first).toHaveLength(32);
      expect(statusTokenSecret(folder).equals(first)).toBe(true);
      expect(statSync(join(folder, 'open311', 'status-token.secret')).mode & 0o777).toBe(0o600);
      expect(statSync(join(folder, 'open311')).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { publicKeyFromJwk, TokenRejected, type JwsAlgorithm } from './compact-jws.js';

/** The identity provider's keys cannot be had: the service's trouble, not the token's (503, not 401). */
export class KeySetUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySetUnavailable';
  }
}

export interface VerificationKey {
  readonly kid: string | undefined;
  readonly alg: JwsAlgorithm;
  readonly key: KeyObject;
}

/** Finds the key for a token's `kid` and `alg` in an identity provider's JWKS. */
export interface KeySource {
  keyFor(kid: string | undefined, alg: JwsAlgorithm): Promise<KeyObject>;
}

/** The RS256/ES256 signing keys of a JWKS document (RFC 7517); other keys (encryption, HMAC, other curves) are skipped. */
export function verificationKeysOf(document: unknown): VerificationKey[] {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('The JWKS has no "keys" array.');
  return keys.flatMap((jwk: Record<string, unknown>): VerificationKey[] => {
    if (typeof jwk !== 'object' || jwk === null || (jwk.use !== undefined && jwk.use !== 'sig')) return [];
    const alg = jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : undefined;
    if (alg === undefined || (jwk.alg !== undefined && jwk.alg !== alg)) return [];
    try {
      return [{ kid: typeof jwk.kid === 'string' ? jwk.kid : undefined, alg, key: publicKeyFromJwk(jwk) }];
    } catch {
      return [];
    }
  });
}

function pick(keys: readonly VerificationKey[], kid: string | undefined, alg: JwsAlgorithm): KeyObject | undefined {
  const candidates = keys.filter((key) => key.alg === alg && (kid === undefined || key.kid === kid));
  return candidates.length === 1 ? candidates[0]!.key : kid === undefined ? undefined : candidates[0]?.key;
}

/** A JWKS read once from a file (AUTH_JWKS_FILE). */
export class FileKeySource implements KeySource {
  private readonly keys: VerificationKey[];

  constructor(path: string) {
    this.keys = verificationKeysOf(JSON.parse(readFileSync(path, 'utf8')));
    if (this.keys.length === 0) throw new Error(`The JWKS file ${path} holds no RS256 or ES256 signing key.`);
  }

  async keyFor(kid: string | undefined, alg: JwsAlgorithm): Promise<KeyObject> {
    const key = pick(this.keys, kid, alg);
    if (!key) throw new TokenRejected(`No ${alg} key${kid ? ` with kid "${kid}"` : ''} in the identity provider's key set.`);
    return key;
  }
}

/**
 * A JWKS fetched from a URL (AUTH_JWKS_URL), cached, and fetched again when a token names a kid it
 * does not hold (key rotation) — at most once every `cooldownMs`, so unknown kids cannot flood the provider.
 */
export class UrlKeySource implements KeySource {
  private keys: VerificationKey[] = [];
  private fetchedAt = -Infinity;
  private pending: Promise<void> | undefined;
  private lastFailure = '';

  constructor(
    private readonly url: string,
    private readonly maxAgeMs = 10 * 60_000,
    private readonly cooldownMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async keyFor(kid: string | undefined, alg: JwsAlgorithm): Promise<KeyObject> {
    const age = this.now() - this.fetchedAt;
    if (age > this.maxAgeMs || (pick(this.keys, kid, alg) === undefined && age > this.cooldownMs)) await this.refresh();
    if (this.keys.length === 0)
      throw new KeySetUnavailable(
        `The identity provider's key set could not be fetched (${this.lastFailure}); tokens cannot be checked now.`,
      );
    const key = pick(this.keys, kid, alg);
    if (!key) throw new TokenRejected(`No ${alg} key${kid ? ` with kid "${kid}"` : ''} in the identity provider's key set.`);
    return key;
  }

  private refresh(): Promise<void> {
    this.pending ??= this.fetchKeys().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.keys = verificationKeysOf(await response.json());
    } catch (error) {
      // Keys fetched before stay in use; with none, keyFor says the keys are unavailable.
      this.lastFailure = error instanceof Error ? error.message : String(error);
    } finally {
      this.fetchedAt = this.now();
    }
  }
}

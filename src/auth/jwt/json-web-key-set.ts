import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { TokenRejected, type JwsAlgorithm } from './token-rejected.js';

/** The identity provider's keys cannot be had: the service's trouble, not the token's (503, not 401). */
export class KeySetUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySetUnavailable';
  }
}

/** RSA keys shorter than this are refused (NIST SP 800-131A; jose refuses them too). */
export const MIN_RSA_BITS = 2048;

/**
 * The signing keys of an identity provider's JWKS (RFC 7517) that this service will verify with:
 * RSA of at least 2048 bits for RS256 and EC P-256 for ES256, `use` absent or "sig". Matching a
 * token's kid and alg to a key and importing it is jose's (createLocalJWKSet); the keys set aside
 * are remembered by kid, so a token signed with one is told why.
 */
export class IdentityProviderKeys {
  readonly resolve: JWTVerifyGetKey;
  private readonly usable: readonly JWK[];
  private readonly refused = new Map<string, string>();

  constructor(document: unknown) {
    const keys = (document as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new Error('The JWKS has no "keys" array.');
    const usable: JWK[] = [];
    for (const jwk of keys as unknown[]) {
      if (typeof jwk !== 'object' || jwk === null) continue;
      const reason = whyUnusable(jwk as JWK);
      if (reason === undefined) usable.push(jwk as JWK);
      else if (typeof (jwk as JWK).kid === 'string' && reason !== 'not a signing key') this.refused.set((jwk as JWK).kid!, reason);
    }
    this.usable = usable;
    this.resolve = createLocalJWKSet({ keys: usable } satisfies JSONWebKeySet);
  }

  get size(): number {
    return this.usable.length;
  }

  /** Whether a key for this kid (any, without one) and algorithm is in the set. */
  holds(kid: string | undefined, alg: JwsAlgorithm): boolean {
    return this.usable.some((jwk) => algorithmOf(jwk) === alg && (kid === undefined || jwk.kid === kid));
  }

  /** The sentence for a token whose kid and alg match no usable key. */
  noKeyFor(kid: string | undefined, alg: JwsAlgorithm): TokenRejected {
    const refused = kid === undefined ? undefined : this.refused.get(kid);
    if (refused) return new TokenRejected(`The identity provider's key "${kid}" is not accepted: ${refused}.`);
    return new TokenRejected(`No ${alg} key${kid ? ` with kid "${kid}"` : ''} in the identity provider's key set.`);
  }
}

function algorithmOf(jwk: JWK): JwsAlgorithm | undefined {
  return jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : undefined;
}

function whyUnusable(jwk: JWK): string | undefined {
  if (jwk.use !== undefined && jwk.use !== 'sig') return 'not a signing key';
  const alg = algorithmOf(jwk);
  if (alg === undefined || (jwk.alg !== undefined && jwk.alg !== alg)) return 'not a signing key';
  if (alg !== 'RS256') return undefined;
  let bits: number | undefined;
  try {
    bits = createPublicKey({ key: jwk as never, format: 'jwk' }).asymmetricKeyDetails?.modulusLength;
  } catch {
    return 'it is not a valid RSA public key';
  }
  return bits !== undefined && bits >= MIN_RSA_BITS
    ? undefined
    : `it is a ${bits ?? 'short'}-bit RSA key, and RSA keys need at least ${MIN_RSA_BITS} bits`;
}

/** Where the verifier gets the identity provider's keys for a token's kid and alg. */
export interface KeySource {
  keysFor(kid: string | undefined, alg: JwsAlgorithm): Promise<IdentityProviderKeys>;
}

/** A JWKS read once from a file (AUTH_JWKS_FILE). */
export class FileKeySource implements KeySource {
  private readonly keys: IdentityProviderKeys;

  constructor(path: string) {
    this.keys = new IdentityProviderKeys(JSON.parse(readFileSync(path, 'utf8')));
    if (this.keys.size === 0) throw new Error(`The JWKS file ${path} holds no usable RS256 or ES256 signing key.`);
  }

  async keysFor(): Promise<IdentityProviderKeys> {
    return this.keys;
  }
}

/**
 * A JWKS fetched from a URL (AUTH_JWKS_URL), cached, and fetched again when a token names a kid it
 * does not hold (key rotation), at most once every `cooldownMs` so unknown kids cannot flood the
 * provider. Keys fetched before stay in use while the provider is unreachable; only with none at all
 * is the answer "keys unavailable". (jose's createRemoteJWKSet would refuse every token once its cache
 * is stale and the provider down, so the fetching and caching stay here.)
 */
export class UrlKeySource implements KeySource {
  private keys: IdentityProviderKeys | undefined;
  private fetchedAt = -Infinity;
  private pending: Promise<void> | undefined;
  private lastFailure = '';

  constructor(
    private readonly url: string,
    private readonly maxAgeMs = 10 * 60_000,
    private readonly cooldownMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async keysFor(kid: string | undefined, alg: JwsAlgorithm): Promise<IdentityProviderKeys> {
    const age = this.now() - this.fetchedAt;
    if (age > this.maxAgeMs || (!this.keys?.holds(kid, alg) && age > this.cooldownMs)) await this.refresh();
    if (this.keys === undefined || this.keys.size === 0)
      throw new KeySetUnavailable(
        `The identity provider's key set could not be fetched (${this.lastFailure || 'it holds no usable key'}); tokens cannot be checked now.`,
      );
    return this.keys;
  }

  private refresh(): Promise<void> {
    this.pending ??= this.fetchKeys().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.keys = new IdentityProviderKeys(await response.json());
    } catch (error) {
      this.lastFailure = error instanceof Error ? error.message : String(error);
    } finally {
      this.fetchedAt = this.now();
    }
  }
}

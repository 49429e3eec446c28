import type { Principal } from '../principal.js';

/** How long a verified token is trusted without checking its signature again: a key removed from the provider's set stops working within this. */
export const VERIFIED_TOKEN_TTL_SECONDS = 60;
const MAX_TOKENS = 10_000;

interface Verified {
  readonly principal: Principal;
  /** The first second the token is usable (nbf less the clock skew), if it has an nbf. */
  readonly usableFrom: number;
  /** The first second it is no longer usable: exp plus the skew, or the end of the trust above, whichever is first. */
  readonly usableUntil: number;
}

/**
 * The tokens whose signature and claims were verified a moment ago, by their exact text, with the
 * principal read from them. A client sends the same token with every request, and checking its
 * signature again (an HMAC or RSA verification and a key import through WebCrypto) was the largest
 * single cost of a command. A hit still honours the token's time claims as jose does (exp and nbf
 * with the configured skew); anything else (another token, a changed byte) misses and is verified
 * in full. Only successes are kept, so every refusal keeps its own sentence.
 */
export class VerifiedTokenCache {
  private readonly tokens = new Map<string, Verified>();

  constructor(
    private readonly clockToleranceSeconds: number,
    private readonly ttlSeconds = VERIFIED_TOKEN_TTL_SECONDS,
  ) {}

  /** The principal of a token verified before and still usable at `nowSeconds`, or undefined. */
  get(token: string, nowSeconds: number): Principal | undefined {
    const verified = this.tokens.get(token);
    if (verified === undefined) return undefined;
    if (nowSeconds >= verified.usableUntil || nowSeconds < verified.usableFrom) {
      this.tokens.delete(token);
      return undefined;
    }
    return verified.principal;
  }

  /** Keeps a token jose has just verified at `nowSeconds`, with the exp and nbf it carries. */
  remember(token: string, principal: Principal, claims: { readonly exp?: number; readonly nbf?: number }, nowSeconds: number): void {
    if (typeof claims.exp !== 'number') return;
    if (this.tokens.size >= MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value as string);
    this.tokens.set(token, {
      principal,
      usableFrom: typeof claims.nbf === 'number' ? claims.nbf - this.clockToleranceSeconds : Number.NEGATIVE_INFINITY,
      usableUntil: Math.min(claims.exp + this.clockToleranceSeconds, nowSeconds + this.ttlSeconds),
    });
  }
}

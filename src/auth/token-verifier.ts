import { webcrypto } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { AuthConfig } from './auth.config.js';
import type { KeySource } from './jwt/json-web-key-set.js';
import { TokenRejected, type JwsAlgorithm } from './jwt/token-rejected.js';
import { VerifiedTokenCache } from './jwt/verified-token-cache.js';
import { ROLES, type Principal, type Role } from './principal.js';

import { isOfficialId } from '../officials/official-id.js';

const SUBJECT = /^[\p{L}\p{N}._:@|+-]{1,200}$/u;
const UNIT_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const SEGMENT = /^[A-Za-z0-9_-]*$/;

/**
 * Turns a bearer token into a Principal, or refuses it with a TokenRejected sentence. The signature
 * and the registered claims are jose's (jwtVerify): the configured key and algorithms only (never
 * `none`, never an algorithm of the other mode), `exp` required, `nbf` honoured, both with the
 * configured clock skew, the configured issuer and audience. Before that the header is read here, so
 * that a wrong algorithm or a `crit` header gets a sentence of its own; after it, the subject and the
 * roles claim must be of a usable shape.
 */
export class TokenVerifier {
  private readonly algorithms: readonly JwsAlgorithm[];
  private readonly verifiedTokens: VerifiedTokenCache;
  /** The embedded secret, imported once: jose would import raw key bytes again for every token. */
  private secretKey?: Promise<webcrypto.CryptoKey>;

  constructor(
    private readonly config: AuthConfig,
    private readonly keys: { readonly secret: Buffer } | { readonly source: KeySource },
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {
    this.algorithms = config.mode === 'embedded' ? ['HS256'] : ['RS256', 'ES256'];
    this.verifiedTokens = new VerifiedTokenCache(config.clockToleranceSeconds);
  }

  async verify(token: string): Promise<Principal> {
    // Whole seconds, as jose compares exp and nbf.
    const now = Math.floor(this.nowSeconds());
    const known = this.verifiedTokens.get(token, now);
    if (known) return known;
    const header = this.headerOf(token);
    const alg = header.alg as JwsAlgorithm;
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    let claims: JWTPayload;
    if ('secret' in this.keys) {
      claims = await this.verified(token, await this.embeddedKey(this.keys.secret), now);
    } else {
      const keys = await this.keys.source.keysFor(kid, alg);
      if (!keys.holds(kid, alg)) throw keys.noKeyFor(kid, alg);
      claims = await this.verified(token, keys.resolve, now);
    }
    const principal = this.principalOf(claims);
    this.verifiedTokens.remember(token, principal, claims, now);
    return principal;
  }

  private embeddedKey(secret: Buffer): Promise<webcrypto.CryptoKey> {
    this.secretKey ??= webcrypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    return this.secretKey;
  }

  private headerOf(token: string): ProtectedHeaderParameters {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part)) || parts[0] === '' || parts[1] === '')
      throw new TokenRejected('The token is not a compact JWS (three base64url parts).');
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new TokenRejected("The token's header is not JSON.");
    }
    if (typeof header.alg !== 'string' || !(this.algorithms as readonly string[]).includes(header.alg))
      throw new TokenRejected(
        `The token's algorithm ${JSON.stringify(header.alg ?? null)} is not accepted; this service accepts ${this.algorithms.join(', ')}.`,
      );
    if (header.crit !== undefined) throw new TokenRejected('The token has critical header parameters this service does not understand.');
    return header;
  }

  private async verified(
    token: string,
    key: webcrypto.CryptoKey | Parameters<typeof jwtVerify>[1],
    nowSeconds: number,
  ): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, key as webcrypto.CryptoKey, {
        algorithms: [...this.algorithms],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockToleranceSeconds,
        currentDate: new Date(nowSeconds * 1000),
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      throw this.reasonFor(error);
    }
  }

  private reasonFor(error: unknown): Error {
    if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejected('The token signature does not verify.');
    if (error instanceof errors.JWTExpired) return new TokenRejected('The token has expired.');
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'exp') return new TokenRejected('The token has no expiry (exp).');
      if (error.claim === 'nbf') return new TokenRejected('The token is not valid yet (nbf).');
      if (error.claim === 'iss') return new TokenRejected(`The token was not issued by ${this.config.issuer}.`);
      if (error.claim === 'aud') return new TokenRejected(`The token is not meant for ${this.config.audience} (aud).`);
      return new TokenRejected(`The token's ${error.claim} claim is not valid.`);
    }
    if (error instanceof errors.JWTInvalid) return new TokenRejected("The token's payload is not a JSON object.");
    if (error instanceof errors.JOSEError) return new TokenRejected(`The token is not usable: ${error.message}.`);
    // jose refuses a key it will not use (an RSA key under 2048 bits) with a TypeError.
    if (error instanceof TypeError && /key/i.test(error.message))
      return new TokenRejected(`The token's key is not accepted: ${error.message}.`);
    return error instanceof Error ? error : new Error(String(error));
  }

  private principalOf(claims: JWTPayload): Principal {
    if (typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub)) throw new TokenRejected('The token has no usable subject (sub).');
    return {
      subject: claims.sub,
      roles: this.rolesOf(claimAt(claims, this.config.rolesClaim)),
      units: unitsOf(claimAt(claims, this.config.unitsClaim)),
      ...this.officialOf(claimAt(claims, this.config.officialClaim)),
    };
  }

  /** An official id, or no official; anything else refuses the token rather than record facts under a wrong name. */
  private officialOf(value: unknown): { officialId?: string } {
    if (value === undefined) return {};
    if (!isOfficialId(value)) throw new TokenRejected(`The token's ${this.config.officialClaim} claim is not an official id.`);
    return { officialId: value };
  }

  /**
   * Roles this service knows; an identity provider's other roles are ignored. The claim is a list of
   * strings, or, only where configured so (AUTH_ROLES_CLAIM_FORMAT=space-separated), one string of
   * space-separated names as OAuth's `scope`. Anything else refuses the token: a string read as a
   * list by accident could grant what the provider never meant to.
   */
  private rolesOf(value: unknown): Role[] {
    if (value === undefined) return [];
    const claim = this.config.rolesClaim;
    let listed: readonly unknown[];
    if (this.config.rolesClaimFormat === 'space-separated') {
      if (typeof value !== 'string') throw new TokenRejected(`The token's ${claim} claim is not a space-separated string of roles.`);
      listed = value.split(' ').filter(Boolean);
    } else {
      if (!Array.isArray(value) || !value.every((role) => typeof role === 'string'))
        throw new TokenRejected(`The token's ${claim} claim is not a list of strings.`);
      listed = value;
    }
    return ROLES.filter((role) => listed.includes(role));
  }
}

function unitsOf(value: unknown): readonly string[] | 'all' {
  if (value === '*' || (Array.isArray(value) && value.includes('*'))) return 'all';
  if (!Array.isArray(value)) return [];
  return value.filter((unit): unit is string => typeof unit === 'string' && UNIT_ID.test(unit));
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, name) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined),
      claims,
    );
}

export { TokenRejected };

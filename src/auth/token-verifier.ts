import type { KeyObject } from 'node:crypto';
import type { AuthConfig } from './auth.config.js';
import { decodeCompactJws, TokenRejected, verifySignature, type JwsAlgorithm } from './jwt/compact-jws.js';
import type { KeySource } from './jwt/json-web-key-set.js';
import { ROLES, type Principal, type Role } from './principal.js';

const SUBJECT = /^[\p{L}\p{N}._:@|+-]{1,200}$/u;
const UNIT_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Turns a bearer token into a Principal, or refuses it with a TokenRejected sentence: a signature by
 * the configured key and algorithm (never `none`, never an algorithm of the other mode), not expired
 * and already valid, of the configured issuer and audience, with a subject.
 */
export class TokenVerifier {
  private readonly algorithms: readonly JwsAlgorithm[];

  constructor(
    private readonly config: AuthConfig,
    private readonly keys: { readonly secret: Buffer } | { readonly source: KeySource },
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {
    this.algorithms = config.mode === 'embedded' ? ['HS256'] : ['RS256', 'ES256'];
  }

  async verify(token: string): Promise<Principal> {
    const jws = decodeCompactJws(token);
    const alg = jws.header.alg;
    if (typeof alg !== 'string' || !(this.algorithms as readonly string[]).includes(alg)) {
      throw new TokenRejected(
        `The token's algorithm ${JSON.stringify(alg ?? null)} is not accepted; this service accepts ${this.algorithms.join(', ')}.`,
      );
    }
    if (jws.header.crit !== undefined)
      throw new TokenRejected('The token has critical header parameters this service does not understand.');
    const key: KeyObject | Buffer =
      'secret' in this.keys ? this.keys.secret : await this.keys.source.keyFor(optionalString(jws.header.kid), alg as JwsAlgorithm);
    if (!verifySignature(jws, alg as JwsAlgorithm, key)) throw new TokenRejected('The token signature does not verify.');
    return this.principalOf(jws.payload);
  }

  private principalOf(claims: Record<string, unknown>): Principal {
    const now = this.nowSeconds();
    const tolerance = this.config.clockToleranceSeconds;
    if (typeof claims.exp !== 'number') throw new TokenRejected('The token has no expiry (exp).');
    if (now > claims.exp + tolerance) throw new TokenRejected('The token has expired.');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now + tolerance < claims.nbf))
      throw new TokenRejected('The token is not valid yet (nbf).');
    if (claims.iss !== this.config.issuer) throw new TokenRejected(`The token was not issued by ${this.config.issuer}.`);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.config.audience)) throw new TokenRejected(`The token is not meant for ${this.config.audience} (aud).`);
    if (typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub)) throw new TokenRejected('The token has no usable subject (sub).');
    return {
      subject: claims.sub,
      roles: rolesOf(claimAt(claims, this.config.rolesClaim)),
      units: unitsOf(claimAt(claims, this.config.unitsClaim)),
    };
  }
}

/** Roles this service knows; an identity provider's other roles are ignored. */
function rolesOf(value: unknown): Role[] {
  const listed = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[ ,]+/) : [];
  return ROLES.filter((role) => listed.includes(role));
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

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export { TokenRejected };

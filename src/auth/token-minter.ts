import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER } from './auth.config.js';
import type { Role } from './principal.js';

export interface TokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly units: readonly string[] | 'all';
  /** The official the holder is: the `official` claim. */
  readonly officialId?: string;
  readonly ttlSeconds: number;
  readonly nowSeconds?: number;
}

/** The claims of an embedded-mode token: issuer and audience of this service, roles as a list, '*' for every unit. */
export function embeddedClaims(request: TokenRequest): JWTPayload {
  const iat = Math.floor(request.nowSeconds ?? Date.now() / 1000);
  return {
    iss: EMBEDDED_ISSUER,
    aud: EMBEDDED_AUDIENCE,
    sub: request.subject,
    roles: [...request.roles],
    units: request.units === 'all' ? '*' : [...request.units],
    ...(request.officialId === undefined ? {} : { official: request.officialId }),
    iat,
    exp: iat + request.ttlSeconds,
    jti: randomUUID(),
  };
}

/** An HS256 token of the embedded mode, for the data folder whose secret is given (signed by jose). */
export function mintEmbeddedToken(secret: Buffer, request: TokenRequest): Promise<string> {
  return new SignJWT(embeddedClaims(request)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new Uint8Array(secret));
}

const TTL = /^(\d{1,6})([smhd])$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "8h", "30m", "7d", "90s" as seconds; undefined when it is not one of these or longer than 366 days. */
export function parseTtl(text: string): number | undefined {
  const match = TTL.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds > 0 && seconds <= 366 * 86400 ? seconds : undefined;
}

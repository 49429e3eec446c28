import { createHmac } from 'node:crypto';
import { embeddedClaims, type TokenRequest } from '../../src/auth/token-minter.js';

/**
 * A raw HS256 compact JWS, for tests only: the tests forge tokens the service must refuse (alg none,
 * crit, a payload that is not an object), which no JWT library will sign, and need tokens
 * synchronously to build requests. It signs independently of jose, so the service's verification is
 * tested against a second implementation. The service itself mints with jose (mintEmbeddedToken).
 */
export function signTestJws(header: Record<string, unknown>, payload: unknown, secret: Buffer): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A token with exactly the claims the service's own minter gives. */
export function testToken(secret: Buffer, request: TokenRequest): string {
  return signTestJws({ alg: 'HS256', typ: 'JWT' }, embeddedClaims(request), secret);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

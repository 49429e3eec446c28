import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/** The algorithms this service accepts: HS256 for its own tokens, RS256/ES256 from an identity provider. */
export type JwsAlgorithm = 'HS256' | 'RS256' | 'ES256';

export interface DecodedJws {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** Why a token was refused; the sentence is safe to return to the caller (it never repeats the token). */
export class TokenRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejected';
  }
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;

/** Splits a compact JWS (RFC 7515 §7.1) into its parts; refuses anything that is not three base64url segments of JSON. */
export function decodeCompactJws(token: string): DecodedJws {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part)) || parts[0] === '' || parts[1] === '') {
    throw new TokenRejected('The token is not a compact JWS (three base64url parts).');
  }
  const [header, payload, signature] = parts as [string, string, string];
  return {
    header: jsonObject(header, 'header'),
    payload: jsonObject(payload, 'payload'),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** Checks the signature with a key of the token's algorithm; `alg: none` and every algorithm not listed are refused before any key is used. */
export function verifySignature(jws: DecodedJws, algorithm: JwsAlgorithm, key: KeyObject | Buffer): boolean {
  const input = Buffer.from(jws.signingInput, 'ascii');
  if (algorithm === 'HS256') {
    if (!Buffer.isBuffer(key)) return false;
    const expected = createHmac('sha256', key).update(input).digest();
    return expected.length === jws.signature.length && timingSafeEqual(expected, jws.signature);
  }
  if (Buffer.isBuffer(key)) return false;
  if (algorithm === 'RS256') return key.asymmetricKeyType === 'rsa' && verify('sha256', input, key, jws.signature);
  return (
    key.asymmetricKeyType === 'ec' &&
    jws.signature.length === 64 &&
    verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, jws.signature)
  );
}

/** Signs an HS256 token (the embedded mode's own tokens). */
export function signHs256(header: Record<string, unknown>, payload: Record<string, unknown>, secret: Buffer): string {
  const input = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A public key from a JWK (RSA or EC P-256), as a JWKS publishes it. */
export function publicKeyFromJwk(jwk: Record<string, unknown>): KeyObject {
  return createPublicKey({ key: jwk as never, format: 'jwk' });
}

function base64urlJson(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function jsonObject(segment: string, part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRejected(`The token's ${part} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TokenRejected(`The token's ${part} is not a JSON object.`);
  return value as Record<string, unknown>;
}

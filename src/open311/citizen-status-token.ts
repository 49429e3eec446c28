import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from 'express';

/** Where a citizen presents the token: `?token=` on GET requests/{id}.json, or this header. */
export const STATUS_TOKEN_HEADER = 'x-status-token';
export const STATUS_TOKEN_QUERY = 'token';
/** 32 bytes of HMAC-SHA256, base64url without padding. */
const STATUS_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const SECRET_BYTES = 32;

/**
 * The secret a citizen is given with a submission, to follow that one request's status without a
 * staff account. 256 bits, so it cannot be guessed. Only its SHA-256 enters the ledger (the
 * CaseReceived event's statusTokenHash): the chain covers it, a rebuild keeps it, and whoever reads
 * the ledger cannot use it.
 *
 * The token is an HMAC of the case id under a secret of the data folder rather than random bytes, so
 * that a repeated submission (same Idempotency-Key, so same case) answers the same token: a citizen
 * whose answer was lost on the way gets it again. Verification compares with the recorded hash, so it
 * never needs the secret: a token stays valid if the secret is replaced, and only the replay of a
 * submission made before that cannot give its token again.
 */
export class CitizenStatusTokens {
  constructor(private readonly secret: Buffer) {
    if (secret.length < SECRET_BYTES) throw new Error(`The status token secret must be at least ${SECRET_BYTES} bytes.`);
  }

  tokenFor(caseId: string): string {
    return createHmac('sha256', this.secret).update(`open311-status-token/1\n${caseId}`).digest('base64url');
  }

  static hashOf(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }

  /** Whether the token is the one whose hash the case recorded; constant-time in the token. */
  static matches(token: string, recordedHash: unknown): boolean {
    if (!STATUS_TOKEN.test(token) || typeof recordedHash !== 'string' || !/^[0-9a-f]{64}$/.test(recordedHash)) return false;
    return timingSafeEqual(Buffer.from(CitizenStatusTokens.hashOf(token), 'hex'), Buffer.from(recordedHash, 'hex'));
  }
}

/** The status token a request presents (query parameter or header), if any. */
export function statusTokenOf(request: Request): string | undefined {
  const header = request.headers[STATUS_TOKEN_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.[STATUS_TOKEN_QUERY];
  const given = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  return given === undefined || given === '' ? undefined : given;
}

export function presentsStatusToken(request: Request): boolean {
  return statusTokenOf(request) !== undefined;
}

/**
 * The data folder's secret for status tokens, generated on first use into `open311/status-token.secret`
 * (owner-only). Creation is exclusive, so two processes starting together end up with one secret.
 */
export function statusTokenSecret(dataDir: string): Buffer {
  const folder = join(dataDir, 'open311');
  const path = join(folder, 'status-token.secret');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(SECRET_BYTES).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
}

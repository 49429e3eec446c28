import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

/**
 * The cookie naming a sign-in sent to the identity provider. SameSite=Lax, not Strict: the provider
 * sends the browser back to the callback from its own site, and only a Lax cookie comes along on that
 * top-level navigation. It holds a random id only, is HttpOnly, and lives as long as the attempt.
 */
const PLAIN_NAME = 'ledger-oidc-attempt';
const HOST_NAME = '__Host-ledger-oidc-attempt';

export function attemptIdOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const cookies = parse(header);
  const value = cookies[HOST_NAME] ?? cookies[PLAIN_NAME];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function setAttemptCookie(response: Response, attemptId: string, expiresAt: Date, secure: boolean): void {
  response.cookie(secure ? HOST_NAME : PLAIN_NAME, attemptId, { ...cookieOptions(secure), expires: expiresAt });
}

export function clearAttemptCookie(response: Response, secure: boolean): void {
  response.clearCookie(secure ? HOST_NAME : PLAIN_NAME, cookieOptions(secure));
}

function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Path=/. Over HTTPS it is Secure and carries the __Host- prefix, which browsers only accept from a
 * secure origin, for the exact host, with no Domain: no sibling subdomain can plant or overwrite it.
 */
const PLAIN_NAME = 'ledger-session';
const HOST_NAME = '__Host-ledger-session';

export function isSecureRequest(request: Request, publicBaseUrl: string): boolean {
  return request.secure || publicBaseUrl.startsWith('https:');
}

/** The session id the request's cookie names, if any (the __Host- one first). */
export function sessionIdOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const cookies = parse(header);
  const value = cookies[HOST_NAME] ?? cookies[PLAIN_NAME];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function setSessionCookie(response: Response, sessionId: string, expiresAt: Date, secure: boolean): void {
  response.cookie(secure ? HOST_NAME : PLAIN_NAME, sessionId, { ...cookieOptions(secure), expires: expiresAt });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(secure ? HOST_NAME : PLAIN_NAME, cookieOptions(secure));
}

function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: '/' };
}

import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { ROLES, type Principal, type Role } from '../principal.js';

/** How long a printed link can be opened: long enough to copy it into a browser, short enough to leak little. */
export const SIGN_IN_LINK_SECONDS = 5 * 60;

/** The console route a link opens; the token travels in the fragment, so it never reaches a server log or a Referer header. */
export const SIGN_IN_PATH = '/sign-in';

const VERSION = 'v1';
const LINK_ID = /^[0-9a-f-]{36}$/;

/** What a link carries: who signs in (the principal of the session it opens), until when, and its single-use id. */
export interface SignInLinkClaims {
  readonly linkId: string;
  readonly principal: Principal;
  /** Seconds since the epoch after which the link cannot be used. */
  readonly expiresAt: number;
  /** How long the session it opens lasts. */
  readonly sessionSeconds: number;
}

export type SignInLinkRefusal = 'SESSION.LINK_INVALID' | 'SESSION.LINK_EXPIRED';

export class SignInLinkRefused extends Error {
  constructor(
    readonly code: SignInLinkRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'SignInLinkRefused';
  }
}

/**
 * The key that signs links, derived from the data folder's token secret (HKDF-SHA256 with its own
 * label): a link is not a bearer token and a bearer token is not a link, yet deleting the secret
 * revokes both.
 */
export function signInLinkKey(tokenSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', tokenSecret, Buffer.alloc(0), 'accountability-ledger sign-in link v1', 32));
}

/** `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`, to be put after `#link=` in the console's sign-in address. */
export function mintSignInLinkToken(
  key: Buffer,
  request: { readonly principal: Principal; readonly sessionSeconds: number; readonly nowSeconds: number; readonly linkId?: string },
): string {
  const { principal } = request;
  const payload = Buffer.from(
    JSON.stringify({
      jti: request.linkId ?? randomUUID(),
      sub: principal.subject,
      roles: principal.roles,
      units: principal.units === 'all' ? '*' : principal.units,
      exp: Math.floor(request.nowSeconds) + SIGN_IN_LINK_SECONDS,
      ses: request.sessionSeconds,
    }),
  ).toString('base64url');
  return `${VERSION}.${payload}.${signature(key, payload)}`;
}

/** The link's claims once its signature holds and it has not expired; whether it was used already is the session store's to say. */
export function readSignInLinkToken(key: Buffer, token: string, nowSeconds: number): SignInLinkClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]{43}$/.test(parts[2]))
    throw invalid('The sign-in link is not one this service printed (it may have been cut when copied).');
  const expected = Buffer.from(signature(key, parts[1]), 'base64url');
  if (!timingSafeEqual(expected, Buffer.from(parts[2], 'base64url')))
    throw invalid('The sign-in link was not printed for this service, or it was changed.');
  const claims = parseClaims(parts[1]);
  if (nowSeconds > claims.expiresAt)
    throw new SignInLinkRefused('SESSION.LINK_EXPIRED', 'This sign-in link has expired; ask for a new one (ledger token ... --link).');
  return claims;
}

function signature(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(`${VERSION}.${payload}`).digest('base64url');
}

function parseClaims(payload: string): SignInLinkClaims {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid('The sign-in link cannot be read.');
  }
  const roles = Array.isArray(raw.roles) ? raw.roles.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role)) : [];
  const units = raw.units === '*' ? 'all' : Array.isArray(raw.units) ? raw.units.filter((unit) => typeof unit === 'string') : undefined;
  if (
    typeof raw.jti !== 'string' ||
    !LINK_ID.test(raw.jti) ||
    typeof raw.sub !== 'string' ||
    roles.length === 0 ||
    units === undefined ||
    !Number.isSafeInteger(raw.exp) ||
    !Number.isSafeInteger(raw.ses) ||
    (raw.ses as number) <= 0
  )
    throw invalid('The sign-in link cannot be read.');
  return {
    linkId: raw.jti,
    principal: { subject: raw.sub, roles, units },
    expiresAt: raw.exp as number,
    sessionSeconds: raw.ses as number,
  };
}

function invalid(message: string): SignInLinkRefused {
  return new SignInLinkRefused('SESSION.LINK_INVALID', message);
}

import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../principal.js';
import { sessionIdOf } from './session-cookie.js';
import type { Session, SessionStore } from './session-store.port.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Authenticates a request by its session cookie. A cookie is sent by the browser on its own, so any
 * request that changes something must also prove it comes from the console: it must not be
 * cross-site (Sec-Fetch-Site, Origin), and it must carry the session's CSRF token in X-CSRF-Token,
 * which only a page of this origin can have read (GET /api/v1/session).
 */
export class SessionAuthenticator {
  constructor(
    private readonly store: SessionStore,
    private readonly publicBaseUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether the request names a session by cookie (the guard then authenticates it here rather than by bearer token). */
  carriesSession(request: Request): boolean {
    return sessionIdOf(request) !== undefined;
  }

  async authenticate(request: Request): Promise<Principal> {
    return (await this.verified(request)).session.principal;
  }

  /** The request's live session, once a request that is not GET, HEAD or OPTIONS has passed the origin and CSRF checks. */
  async verified(request: Request): Promise<{ readonly sessionId: string; readonly session: Session }> {
    const current = await this.current(request);
    if (!SAFE_METHODS.has(request.method)) {
      this.assertSameOrigin(request);
      assertCsrfToken(request, current.session.csrfToken);
    }
    return current;
  }

  /** The live session of the request's cookie, or 401 SESSION.NONE / SESSION.EXPIRED. */
  async current(request: Request): Promise<{ readonly sessionId: string; readonly session: Session }> {
    const sessionId = sessionIdOf(request);
    if (sessionId === undefined)
      throw new UnauthorizedException({ code: 'SESSION.NONE', message: 'You are not signed in: open a sign-in link first.' });
    const session = await this.store.find(sessionId, this.now());
    if (!session)
      throw new UnauthorizedException({
        code: 'SESSION.EXPIRED',
        message: 'Your session has ended (it expired, or you signed out): sign in again.',
      });
    return { sessionId, session };
  }

  /**
   * Refuses a request a browser marks as coming from another site. Sec-Fetch-Site and Origin are set
   * by the browser, never by a page's script; a client that sends neither (not a browser) still needs
   * the CSRF token.
   */
  assertSameOrigin(request: Request): void {
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const ownOrigin = `${request.protocol}://${request.headers.host ?? ''}`;
    if ((site !== undefined && site !== 'same-origin') || (origin !== undefined && origin !== this.publicBaseUrl && origin !== ownOrigin))
      throw new ForbiddenException({
        code: 'SESSION.CROSS_SITE',
        message: 'This request comes from another site; the console only accepts changes made from its own pages.',
        details: { origin: origin ?? null, secFetchSite: site ?? null },
      });
  }
}

function assertCsrfToken(request: Request, expected: string): void {
  const given = request.headers[CSRF_HEADER];
  if (typeof given !== 'string' || given === '')
    throw new ForbiddenException({
      code: 'SESSION.CSRF_TOKEN_MISSING',
      message: 'A change made with the session cookie needs the X-CSRF-Token header (the console sends it; reload the page).',
    });
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new ForbiddenException({
      code: 'SESSION.CSRF_TOKEN_INVALID',
      message: "The X-CSRF-Token header is not this session's token; reload the page.",
    });
}

import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { Public } from '../../auth/requires.decorator.js';
import { LinkSignIn } from '../../auth/sessions/link-sign-in.js';
import { SessionAuthenticator } from '../../auth/sessions/session-authenticator.js';
import { clearSessionCookie, isSecureRequest, setSessionCookie } from '../../auth/sessions/session-cookie.js';
import { SESSION_STORE, type SessionStore } from '../../auth/sessions/session-store.port.js';
import { OIDC_SIGN_IN, type OidcSignIn } from '../../auth/oidc/oidc-sign-in.js';
import { SIGN_IN_PATH } from '../../auth/sessions/sign-in-link.js';
import { SignInRequestDto } from './sign-in.request.dto.js';
import { sessionView, SessionView, SignedOutView } from './session.view.js';

/**
 * The console's session: sign in with a link, ask who you are, sign out. Public to the guard: these
 * routes authenticate the cookie themselves (and check the origin of every write).
 */
@ApiTags('session')
@Controller('api/v1/session')
export class SessionController {
  constructor(
    private readonly links: LinkSignIn,
    private readonly sessions: SessionAuthenticator,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Sign in with a one-time link: opens a session and sets its HttpOnly, SameSite=Strict cookie' })
  @ApiCreatedResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ description: 'SESSION.LINK_INVALID, SESSION.LINK_EXPIRED or SESSION.LINK_USED' })
  @ApiForbiddenResponse({ description: 'SESSION.CROSS_SITE: the request came from another site' })
  @ApiConflictResponse({ description: 'SESSION.LINKS_UNAVAILABLE: the service signs people in through an identity provider' })
  async signIn(
    @Body() body: SignInRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    // Without this, another site could sign a visitor in as someone else (login CSRF).
    this.sessions.assertSameOrigin(request);
    const previous = this.sessions.carriesSession(request) ? await this.currentId(request) : undefined;
    const session = await this.links.signIn(body.link);
    if (previous !== undefined) await this.store.end(previous);
    setSessionCookie(response, session.sessionId, session.expiresAt, isSecureRequest(request, this.config.publicBaseUrl));
    return sessionView(session);
  }

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Who is signed in: subject, roles, units, the permissions the matrix grants them, and the CSRF token' })
  @ApiOkResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ description: 'SESSION.NONE (no session cookie) or SESSION.EXPIRED' })
  async current(@Req() request: Request): Promise<SessionView> {
    return sessionView((await this.sessions.current(request)).session);
  }

  @Public()
  @Post('sign-out')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "Sign out: the session is deleted on the server and its cookie cleared; for a session opened through the identity provider that can end its own session too, 200 with the provider's end-session address to send the browser to",
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiOkResponse({ type: SignedOutView, description: "Signed out here; the browser should go on to the provider's end-session address" })
  @ApiUnauthorizedResponse({ description: 'SESSION.NONE or SESSION.EXPIRED' })
  @ApiForbiddenResponse({ description: 'SESSION.CROSS_SITE, SESSION.CSRF_TOKEN_MISSING or SESSION.CSRF_TOKEN_INVALID' })
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { sessionId, session } = await this.sessions.verified(request);
    await this.store.end(sessionId);
    clearSessionCookie(response, isSecureRequest(request, this.config.publicBaseUrl));
    const endSessionUrl =
      session.signedInWith === 'oidc'
        ? await this.oidc?.endSessionUrl(`${this.config.publicBaseUrl}${SIGN_IN_PATH}?signedOut=true`)
        : undefined;
    if (endSessionUrl === undefined) response.status(204).end();
    else response.status(200).json({ endSessionUrl: endSessionUrl.href } satisfies SignedOutView);
  }

  private async currentId(request: Request): Promise<string | undefined> {
    try {
      return (await this.sessions.current(request)).sessionId;
    } catch {
      return undefined;
    }
  }
}

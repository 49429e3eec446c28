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
import { SessionStore } from '../../auth/sessions/session-store.js';
import { SignInRequestDto } from './sign-in.request.dto.js';
import { sessionView, SessionView } from './session.view.js';

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
    private readonly store: SessionStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
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
  signIn(@Body() body: SignInRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): SessionView {
    // Without this, another site could sign a visitor in as someone else (login CSRF).
    this.sessions.assertSameOrigin(request);
    const previous = this.sessions.carriesSession(request) ? this.currentId(request) : undefined;
    const session = this.links.signIn(body.link);
    if (previous !== undefined) this.store.end(previous);
    setSessionCookie(response, session.sessionId, session.expiresAt, isSecureRequest(request, this.config.publicBaseUrl));
    return sessionView(session);
  }

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Who is signed in: subject, roles, units, the permissions the matrix grants them, and the CSRF token' })
  @ApiOkResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ description: 'SESSION.NONE (no session cookie) or SESSION.EXPIRED' })
  current(@Req() request: Request): SessionView {
    return sessionView(this.sessions.current(request).session);
  }

  @Public()
  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session is deleted on the server and its cookie cleared' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiUnauthorizedResponse({ description: 'SESSION.NONE or SESSION.EXPIRED' })
  @ApiForbiddenResponse({ description: 'SESSION.CROSS_SITE, SESSION.CSRF_TOKEN_MISSING or SESSION.CSRF_TOKEN_INVALID' })
  signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    this.store.end(this.sessions.verified(request).sessionId);
    clearSessionCookie(response, isSecureRequest(request, this.config.publicBaseUrl));
  }

  private currentId(request: Request): string | undefined {
    try {
      return this.sessions.current(request).sessionId;
    } catch {
      return undefined;
    }
  }
}

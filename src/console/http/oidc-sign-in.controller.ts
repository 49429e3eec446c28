import { Controller, Get, Header, Inject, Logger, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiSeeOtherResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { Public } from '../../auth/requires.decorator.js';
import { attemptIdOf, clearAttemptCookie, setAttemptCookie } from '../../auth/oidc/attempt-cookie.js';
import { OIDC_SIGN_IN, type OidcSignIn } from '../../auth/oidc/oidc-sign-in.js';
import { OidcSignInRefused } from '../../auth/oidc/oidc-sign-in-refused.js';
import { SessionAuthenticator } from '../../auth/sessions/session-authenticator.js';
import { isSecureRequest, setSessionCookie } from '../../auth/sessions/session-cookie.js';
import { SESSION_STORE, type SessionStore } from '../../auth/sessions/session-store.port.js';
import { SIGN_IN_PATH } from '../../auth/sessions/sign-in-link.js';

export class SignInMethodsView {
  @ApiProperty({
    enum: ['link', 'oidc'],
    isArray: true,
    description: 'link: one-time links printed by `ledger token ... --link`; oidc: the identity provider, from GET /auth/oidc/start',
  })
  readonly methods!: ('link' | 'oidc')[];
}

/**
 * Sign-in to the console through the identity provider. These are browser navigations, not API
 * calls: every answer is a redirect, to the provider or back to the console, and a refusal lands on
 * the console's sign-in page with its code (?error=OIDC....), which the console words in vi and en.
 * The tokens never reach the browser: the session cookie is all it gets.
 */
@ApiTags('session')
@Controller('auth')
export class OidcSignInController {
  private readonly logger = new Logger('OidcSignIn');

  constructor(
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
    private readonly sessions: SessionAuthenticator,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Public()
  @Get('config')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'How people sign in to the console here: printed links (embedded mode) or the identity provider' })
  @ApiOkResponse({ type: SignInMethodsView })
  methods(): SignInMethodsView {
    return { methods: this.config.auth.mode === 'embedded' ? ['link'] : this.oidc ? ['oidc'] : [] };
  }

  @Public()
  @Get('oidc/start')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Sign in through the identity provider: redirects to its authorization endpoint (code flow, PKCE S256)' })
  @ApiFoundResponse({
    description: "To the provider's authorization endpoint, or to /sign-in?error=OIDC.… (OIDC.NOT_CONFIGURED, OIDC.PROVIDER_UNAVAILABLE)",
  })
  async start(@Req() request: Request, @Res() response: Response): Promise<void> {
    try {
      if (!this.oidc) throw notConfigured();
      const started = await this.oidc.start();
      setAttemptCookie(response, started.attemptId, started.expiresAt, this.secure(request));
      response.redirect(302, started.authorizationUrl.href);
    } catch (error) {
      this.refuse(response, error);
    }
  }

  @Public()
  @Get('oidc/callback')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Where the identity provider sends the browser back: opens the console session and redirects to the console' })
  @ApiSeeOtherResponse({
    description:
      'To / with the session cookie set, or to /sign-in?error=OIDC.… (OIDC.ATTEMPT_UNKNOWN, OIDC.STATE_MISMATCH, OIDC.PROVIDER_REFUSED, OIDC.CODE_REFUSED, OIDC.ID_TOKEN_INVALID, OIDC.NO_ROLES, OIDC.PROVIDER_UNAVAILABLE)',
  })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const secure = this.secure(request);
    clearAttemptCookie(response, secure);
    try {
      if (!this.oidc) throw notConfigured();
      const callbackUrl = new URL(request.originalUrl, this.config.publicBaseUrl);
      const session = await this.oidc.finish(attemptIdOf(request), callbackUrl);
      const previous = this.sessions.carriesSession(request) ? await this.currentId(request) : undefined;
      if (previous !== undefined) await this.store.end(previous);
      setSessionCookie(response, session.sessionId, session.expiresAt, secure);
      this.logger.log(`${session.principal.subject} signed in through the identity provider`);
      response.redirect(303, '/');
    } catch (error) {
      this.refuse(response, error);
    }
  }

  private refuse(response: Response, error: unknown): void {
    if (!(error instanceof OidcSignInRefused)) {
      this.logger.error(`sign-in through the identity provider failed: ${error instanceof Error ? error.stack : String(error)}`);
      error = new OidcSignInRefused('OIDC.PROVIDER_UNAVAILABLE', 'Sign-in through the identity provider failed; try again.');
    }
    const refused = error as OidcSignInRefused;
    this.logger.warn(`sign-in refused: ${refused.code} ${refused.message}${refused.detail ? ` (${refused.detail})` : ''}`);
    response.redirect(303, `${SIGN_IN_PATH}?error=${encodeURIComponent(refused.code)}`);
  }

  private secure(request: Request): boolean {
    return isSecureRequest(request, this.config.publicBaseUrl);
  }

  private async currentId(request: Request): Promise<string | undefined> {
    try {
      return (await this.sessions.current(request)).sessionId;
    } catch {
      return undefined;
    }
  }
}

function notConfigured(): OidcSignInRefused {
  return new OidcSignInRefused(
    'OIDC.NOT_CONFIGURED',
    'This service has no client at an identity provider (AUTH_OIDC_CLIENT_ID); sign in with a link instead.',
  );
}

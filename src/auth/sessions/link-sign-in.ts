import { ConflictException, UnauthorizedException } from '@nestjs/common';
import { readSignInLinkToken, SignInLinkRefused } from './sign-in-link.js';
import type { OpenedSession, SessionStore } from './session-store.port.js';

/**
 * Embedded mode's sign-in: a link printed by `ledger token ... --link` opens one session, once, within
 * minutes. With an identity provider there is no link key, and sign-in goes through the provider.
 */
export class LinkSignIn {
  constructor(
    private readonly store: SessionStore,
    private readonly linkKey: Buffer | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signIn(token: string): Promise<OpenedSession> {
    if (!this.linkKey)
      throw new ConflictException({
        code: 'SESSION.LINKS_UNAVAILABLE',
        message: 'This service signs people in through its identity provider; sign-in links exist in embedded mode only.',
      });
    const now = this.now();
    let claims;
    try {
      claims = readSignInLinkToken(this.linkKey, token, now.getTime() / 1000);
    } catch (error) {
      if (error instanceof SignInLinkRefused) throw new UnauthorizedException({ code: error.code, message: error.message });
      throw error;
    }
    const opening = await this.store.openWithLink(
      { linkId: claims.linkId, expiresAt: new Date(claims.expiresAt * 1000) },
      claims.principal,
      claims.sessionSeconds * 1000,
      now,
    );
    if (opening.outcome === 'link-used')
      throw new UnauthorizedException({
        code: 'SESSION.LINK_USED',
        message: 'This sign-in link was used already; a link opens one session only. Ask for a new one (ledger token ... --link).',
      });
    return opening.session;
  }
}

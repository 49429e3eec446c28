import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { embeddedSecret } from '../jwt/embedded-secret.js';
import { IdentityProviderClient } from '../oidc/identity-provider-client.js';
import { OIDC_CALLBACK_PATH, OIDC_SIGN_IN, OidcSignIn } from '../oidc/oidc-sign-in.js';
import { LinkSignIn } from './link-sign-in.js';
import { SessionAuthenticator } from './session-authenticator.js';
import { openSessionStore } from './open-session-store.js';
import { SESSION_STORE, type SessionStore } from './session-store.port.js';
import { signInLinkKey } from './sign-in-link.js';

/**
 * Server-side console sessions: the store (sessions.db beside the token secret, or PostgreSQL), the cookie
 * authenticator the global guard uses, the embedded mode's link sign-in, and the sign-in through the
 * identity provider (authorization code with PKCE; null unless AUTH_OIDC_CLIENT_ID is set).
 */
@Module({
  providers: [
    { provide: SESSION_STORE, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => openSessionStore(config) },
    {
      provide: SessionAuthenticator,
      inject: [SESSION_STORE, LEDGER_CONFIG],
      useFactory: (store: SessionStore, config: LedgerConfig) => new SessionAuthenticator(store, config.publicBaseUrl),
    },
    {
      provide: OIDC_SIGN_IN,
      inject: [SESSION_STORE, LEDGER_CONFIG],
      useFactory: (store: SessionStore, { auth, publicBaseUrl }: LedgerConfig): OidcSignIn | null =>
        auth.mode === 'external' && auth.oidc
          ? new OidcSignIn(
              new IdentityProviderClient(auth.issuer, auth.oidc, `${publicBaseUrl}${OIDC_CALLBACK_PATH}`),
              store,
              auth,
              auth.oidc,
            )
          : null,
    },
    {
      provide: LinkSignIn,
      inject: [SESSION_STORE, LEDGER_CONFIG],
      useFactory: (store: SessionStore, { auth, dataDir }: LedgerConfig) =>
        new LinkSignIn(store, auth.mode === 'embedded' ? signInLinkKey(embeddedSecret(dataDir)) : undefined),
    },
  ],
  exports: [SESSION_STORE, SessionAuthenticator, LinkSignIn, OIDC_SIGN_IN],
})
export class SessionsModule implements OnApplicationShutdown {
  constructor(@Inject(SESSION_STORE) private readonly store: SessionStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

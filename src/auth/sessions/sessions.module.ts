import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { ensureWritableFolder } from '../../ledger/open-event-store.js';
import { embeddedSecret } from '../jwt/embedded-secret.js';
import { IdentityProviderClient } from '../oidc/identity-provider-client.js';
import { OIDC_CALLBACK_PATH, OIDC_SIGN_IN, OidcSignIn } from '../oidc/oidc-sign-in.js';
import { LinkSignIn } from './link-sign-in.js';
import { SessionAuthenticator } from './session-authenticator.js';
import { SessionStore, sessionStorePath } from './session-store.js';
import { signInLinkKey } from './sign-in-link.js';

/**
 * Server-side console sessions: the store (sessions.db beside the token secret), the cookie
 * authenticator the global guard uses, the embedded mode's link sign-in, and the sign-in through the
 * identity provider (authorization code with PKCE; null unless AUTH_OIDC_CLIENT_ID is set).
 */
@Module({
  providers: [
    {
      provide: SessionStore,
      inject: [LEDGER_CONFIG],
      useFactory: ({ dataDir }: LedgerConfig) => {
        ensureWritableFolder(dataDir);
        const authDir = join(dataDir, 'auth');
        mkdirSync(authDir, { recursive: true, mode: 0o700 });
        return new SessionStore(sessionStorePath(authDir));
      },
    },
    {
      provide: SessionAuthenticator,
      inject: [SessionStore, LEDGER_CONFIG],
      useFactory: (store: SessionStore, config: LedgerConfig) => new SessionAuthenticator(store, config.publicBaseUrl),
    },
    {
      provide: OIDC_SIGN_IN,
      inject: [SessionStore, LEDGER_CONFIG],
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
      inject: [SessionStore, LEDGER_CONFIG],
      useFactory: (store: SessionStore, { auth, dataDir }: LedgerConfig) =>
        new LinkSignIn(store, auth.mode === 'embedded' ? signInLinkKey(embeddedSecret(dataDir)) : undefined),
    },
  ],
  exports: [SessionStore, SessionAuthenticator, LinkSignIn, OIDC_SIGN_IN],
})
export class SessionsModule implements OnApplicationShutdown {
  constructor(@Inject(SessionStore) private readonly store: SessionStore) {}

  onApplicationShutdown(): void {
    this.store.close();
  }
}

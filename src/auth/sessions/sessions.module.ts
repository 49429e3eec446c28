import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { ensureWritableFolder } from '../../ledger/open-event-store.js';
import { embeddedSecret } from '../jwt/embedded-secret.js';
import { LinkSignIn } from './link-sign-in.js';
import { SessionAuthenticator } from './session-authenticator.js';
import { SessionStore, sessionStorePath } from './session-store.js';
import { signInLinkKey } from './sign-in-link.js';

/**
 * Server-side console sessions: the store (sessions.db beside the token secret), the cookie
 * authenticator the global guard uses, and the embedded mode's link sign-in. Signing in through an
 * identity provider (authorization code with PKCE) will open sessions in the same store.
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
      provide: LinkSignIn,
      inject: [SessionStore, LEDGER_CONFIG],
      useFactory: (store: SessionStore, { auth, dataDir }: LedgerConfig) =>
        new LinkSignIn(store, auth.mode === 'embedded' ? signInLinkKey(embeddedSecret(dataDir)) : undefined),
    },
  ],
  exports: [SessionStore, SessionAuthenticator, LinkSignIn],
})
export class SessionsModule implements OnApplicationShutdown {
  constructor(@Inject(SessionStore) private readonly store: SessionStore) {}

  onApplicationShutdown(): void {
    this.store.close();
  }
}

import { Global, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { CLOCK, type Clock } from '../domain-kit/clock.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ensureWritableFolder } from '../ledger/open-event-store.js';
import { AuthGuard } from './auth.guard.js';
import { embeddedSecret } from './jwt/embedded-secret.js';
import { FileKeySource, UrlKeySource } from './jwt/json-web-key-set.js';
import { ResourceScopes } from './resource-scopes.js';
import { ScrapeToken } from './scrape-token.js';
import { TokenVerifier } from './token-verifier.js';
import { SessionAuthenticator } from './sessions/session-authenticator.js';
import { SessionsModule } from './sessions/sessions.module.js';

/** Authentication and the permission matrix, applied to every route by one global guard. */
@Global()
@Module({
  imports: [SessionsModule],
  providers: [
    {
      provide: TokenVerifier,
      inject: [LEDGER_CONFIG],
      useFactory: ({ auth, dataDir }: LedgerConfig) => {
        if (auth.mode === 'embedded') {
          ensureWritableFolder(dataDir);
          return new TokenVerifier(auth, { secret: embeddedSecret(dataDir) });
        }
        return new TokenVerifier(auth, { source: auth.jwksFile ? new FileKeySource(auth.jwksFile) : new UrlKeySource(auth.jwksUrl!) });
      },
    },
    {
      provide: ResourceScopes,
      inject: [EVENT_STORE, CLOCK],
      useFactory: (store: EventStore, clock: Clock) => new ResourceScopes(store, clock),
    },
    {
      provide: APP_GUARD,
      inject: [Reflector, TokenVerifier, ResourceScopes, LEDGER_CONFIG, SessionAuthenticator],
      useFactory: (
        reflector: Reflector,
        verifier: TokenVerifier,
        scopes: ResourceScopes,
        config: LedgerConfig,
        sessions: SessionAuthenticator,
      ) => new AuthGuard(reflector, verifier, scopes, new ScrapeToken(config.operations.metricsToken), sessions),
    },
  ],
  exports: [TokenVerifier, ResourceScopes],
})
export class AuthModule {}

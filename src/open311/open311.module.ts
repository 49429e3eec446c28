import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { Open311Controller } from './open311.controller.js';
import { Open311DiscoveryController } from './open311-discovery.controller.js';
import { SubmissionEvidence } from './submission-evidence.js';
import { ServiceRequestIndex } from './service-request-index.js';
import { CitizenStatusTokens, statusTokenSecret } from './citizen-status-token.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { ensureWritableFolder } from '../ledger/open-event-store.js';
import { CLIENT_RATE_LIMITER, type ClientRateLimiter } from './rate-limits/client-rate-limiter.port.js';
import { openClientRateLimiter } from './rate-limits/open-client-rate-limiter.js';

/** The public GeoReport v2 intake: no token, rate-limited per client (ClientRateLimitGuard). */
@Module({
  imports: [CasesModule, OrganisationModule],
  controllers: [Open311DiscoveryController, Open311Controller],
  providers: [
    ServiceRequestIndex,
    SubmissionEvidence,
    { provide: CLIENT_RATE_LIMITER, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => openClientRateLimiter(config) },
    {
      provide: CitizenStatusTokens,
      inject: [LEDGER_CONFIG],
      useFactory: (config: LedgerConfig) => {
        ensureWritableFolder(config.dataDir);
        return new CitizenStatusTokens(statusTokenSecret(config.dataDir));
      },
    },
  ],
})
export class Open311Module implements OnApplicationShutdown {
  constructor(@Inject(CLIENT_RATE_LIMITER) private readonly limiter: ClientRateLimiter) {}

  async onApplicationShutdown(): Promise<void> {
    await this.limiter.close();
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LEDGER_CONFIG } from './config/ledger-config.token.js';
import type { LedgerConfig } from './config/ledger.config.js';
import { AuthModule } from './auth/auth.module.js';
import { HealthModule } from './health/health.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { CasesModule } from './cases/cases.module.js';
import { OfficialsModule } from './officials/officials.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { VisitsModule } from './visits/visits.module.js';
import { Open311Module } from './open311/open311.module.js';
import { AuditModule } from './audit/audit.module.js';
import { TimelinesModule } from './timelines/timelines.module.js';
import { ResponsibilityModule } from './responsibility/responsibility.module.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';
import { IntegrityModule } from './integrity/integrity.module.js';
import { CalendarModule } from './calendar/http/calendar.module.js';
import { ProcessManagersModule } from './process-managers/process-managers.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MediaModule } from './media/media.module.js';
import { ConsoleModule } from './console/console.module.js';
import { ListsModule } from './lists/lists.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({})
export class AppModule {
  /** The configuration is validated before the module is built, so a bad setting never half-starts the service. */
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ledger: config })] }),
        { module: LedgerConfigModule, global: true, providers: [{ provide: LEDGER_CONFIG, useValue: config }], exports: [LEDGER_CONFIG] },
        LedgerModule.forRoot(),
        AuthModule,
        PersonalDataModule,
        MediaModule,
        HealthModule,
        OrganisationModule,
        CasesModule,
        OfficialsModule,
        MeetingsModule,
        ReviewsModule,
        PoliciesModule,
        VisitsModule,
        Open311Module,
        AuditModule,
        TimelinesModule,
        ResponsibilityModule,
        EvaluationsModule,
        IntegrityModule,
        CalendarModule,
        ProcessManagersModule,
        ListsModule,
        MetricsModule,
        EvidenceModule,
        AlertsModule,
        WebhooksModule,
        ConsoleModule,
      ],
    };
  }
}

@Module({})
class LedgerConfigModule {}

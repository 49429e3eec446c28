import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LEDGER_CONFIG } from './config/ledger-config.token.js';
import type { LedgerConfig } from './config/ledger.config.js';
import { HealthModule } from './health/health.module.js';
import { LedgerModule } from './ledger/ledger.module.js';

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
        HealthModule,
      ],
    };
  }
}

@Module({})
class LedgerConfigModule {}

import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { openEventStore } from './open-event-store.js';

@Global()
@Module({})
export class LedgerModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(): DynamicModule {
    return {
      module: LedgerModule,
      providers: [{ provide: EVENT_STORE, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => openEventStore(config) }],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

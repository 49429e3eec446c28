import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { openEventStore } from './open-event-store.js';
import { CommandHandler } from './command-handler.js';
import { CLOCK, systemClock } from '../domain-kit/clock.js';

@Global()
@Module({})
export class LedgerModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(): DynamicModule {
    return {
      module: LedgerModule,
      providers: [
        { provide: EVENT_STORE, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => openEventStore(config) },
        { provide: CommandHandler, inject: [EVENT_STORE], useFactory: (store: EventStore) => new CommandHandler(store) },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [EVENT_STORE, CommandHandler, CLOCK],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

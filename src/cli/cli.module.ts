import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ensureWritableFolder, openEventStore } from '../ledger/open-event-store.js';
import { openReadModels, READ_MODELS, readModelsPath } from '../projections/read-models.database.js';
import { RebuildCommand } from './rebuild.command.js';
import { TokenCommand } from './token.command.js';
import { EraseSubjectCommand } from './erase-subject.command.js';
import { PERSONAL_DATA_KEYS, personalDataKeyProviders } from '../personal-data/personal-data.module.js';
import type { PersonalDataKeyStore } from '../personal-data/personal-data-key-store.js';

/**
 * The CLI's application context: the same store and read-model file as the service (chosen by the
 * same configuration), but no HTTP and no projection engine; it only reads the events.
 */
@Module({})
export class CliModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: Database.Database,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  static forConfig(config: LedgerConfig): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        {
          provide: READ_MODELS,
          useFactory: () => {
            ensureWritableFolder(config.dataDir);
            return openReadModels(readModelsPath(config.dataDir));
          },
        },
        RebuildCommand,
        TokenCommand,
        ...personalDataKeyProviders,
        EraseSubjectCommand,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.db.close();
    this.keys.close();
  }
}

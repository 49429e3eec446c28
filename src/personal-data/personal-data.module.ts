import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { PersonalDataController } from './http/personal-data.controller.js';
import { PersonalDataErasure } from './personal-data-erasure.js';
import { PERSONAL_DATA_KEYS, type PersonalDataKeyStore } from './key-stores/key-store.port.js';
import { openKeyStore } from './key-stores/open-key-store.js';
import { PersonalDataReadsQuery } from './personal-data-reads.query.js';
import { PERSONAL_DATA_VAULT, PersonalDataVault } from './personal-data-vault.js';
import { ReporterDisclosure } from './reporter-disclosure.js';

export { PERSONAL_DATA_KEYS } from './key-stores/key-store.port.js';

/** Providers shared by the service and the CLI: the key store (keys.db, or PostgreSQL), the vault, erasure. */
export const personalDataKeyProviders = [
  { provide: PERSONAL_DATA_KEYS, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => openKeyStore(config) },
  { provide: PERSONAL_DATA_VAULT, inject: [PERSONAL_DATA_KEYS], useFactory: (keys: PersonalDataKeyStore) => new PersonalDataVault(keys) },
  {
    provide: PersonalDataErasure,
    inject: [PERSONAL_DATA_KEYS, EVENT_STORE],
    useFactory: (keys: PersonalDataKeyStore, store: EventStore) => new PersonalDataErasure(keys, store),
  },
];

/**
 * Personal data of reporters: sealed before it enters the ledger (CaseIntake uses the vault), shown
 * by role with every plaintext read recorded (ReporterDisclosure), erased by deleting the key.
 * Global, so the cases feature reaches the vault and the disclosure without importing this module.
 */
@Global()
@Module({
  imports: [ProjectionsModule],
  controllers: [PersonalDataController],
  providers: [
    ...personalDataKeyProviders,
    ReporterDisclosure,
    { provide: PersonalDataReadsQuery, inject: [READ_MODELS], useFactory: (db: Database.Database) => new PersonalDataReadsQuery(db) },
  ],
  exports: [PERSONAL_DATA_VAULT, ReporterDisclosure],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}

import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ensureWritableFolder } from '../ledger/open-event-store.js';
import { ALL_PROJECTIONS } from './all-projections.js';
import { ProjectionEngine } from './projection-engine.js';
import { ProjectionsController } from './projections.controller.js';
import { openReadModels, READ_MODELS, readModelsPath } from './read-models.database.js';

/** The read models' file and the engine feeding it; started once the whole application is up. */
@Global()
@Module({
  controllers: [ProjectionsController],
  providers: [
    {
      provide: READ_MODELS,
      inject: [LEDGER_CONFIG],
      useFactory: (config: LedgerConfig) => {
        ensureWritableFolder(config.dataDir);
        return openReadModels(readModelsPath(config.dataDir));
      },
    },
    {
      provide: ProjectionEngine,
      inject: [READ_MODELS, EVENT_STORE, LEDGER_CONFIG],
      useFactory: (db: Database.Database, store: EventStore, config: LedgerConfig) => {
        // With the embedded store, the projections run in a worker thread on their own connections,
        // so applying events takes no time from the thread answering requests. Run from the TypeScript
        // sources (the test suite) there is no compiled worker script: they then run in this thread,
        // and test/projections/projections-worker.spec.ts covers the worker.
        const worker =
          store.storedFeed && import.meta.url.endsWith('.js')
            ? { feed: store.storedFeed, readModelsFile: readModelsPath(config.dataDir) }
            : undefined;
        return new ProjectionEngine(db, store, ALL_PROJECTIONS, {}, worker);
      },
    },
  ],
  exports: [READ_MODELS, ProjectionEngine],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly engine: ProjectionEngine,
    @Inject(READ_MODELS) private readonly db: Database.Database,
  ) {}

  onApplicationBootstrap(): void {
    this.engine.start();
  }

  /** Before the event store closes (LedgerModule closes it at shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.engine.stop();
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}

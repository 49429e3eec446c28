import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ProjectionEngine } from '../projections/projection-engine.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { ALL_SECOND_STEPS } from './all-second-steps.js';
import { pendingSecondSteps } from './pending-second-steps.projection.js';
import { SecondStepProcessManager } from './second-step-process-manager.js';

/** How long start-up waits for the read model to reach the ledger's head before it repairs. */
const START_UP_CATCH_UP_MS = 60_000;

/**
 * The process manager of the commands that write two streams. At start-up it completes what a crash
 * left half-written before the application answers (Nest awaits this hook before listening), then
 * follows the feed. It imports ProjectionsModule so the engine has started before this hook runs.
 */
@Module({
  imports: [ProjectionsModule],
  providers: [
    {
      provide: SecondStepProcessManager,
      inject: [READ_MODELS, EVENT_STORE, ProjectionEngine],
      useFactory: (db: Database.Database, store: EventStore, engine: ProjectionEngine) => {
        const logger = new Logger('SecondSteps');
        return new SecondStepProcessManager(db, store, engine, pendingSecondSteps, ALL_SECOND_STEPS, {
          log: (entry) => logger.warn(entry),
        });
      },
    },
  ],
})
export class ProcessManagersModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SecondSteps');

  constructor(@Inject(SecondStepProcessManager) private readonly manager: SecondStepProcessManager) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.manager.catchUp(START_UP_CATCH_UP_MS))) {
      this.logger.warn({
        message: 'The pending second steps had not caught up with the ledger at start-up; they are completed as they come',
      });
    }
    this.manager.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.manager.stop();
  }
}

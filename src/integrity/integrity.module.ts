import { Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ensureWritableFolder } from '../ledger/open-event-store.js';
import { CheckpointSigner } from './checkpoint/checkpoint-signer.js';
import { loadOrCreateSigningKey } from './checkpoint/signing-key.js';
import { IntegrityController } from './http/integrity.controller.js';
import { IntegrityLog } from './integrity-log.js';
import { integrityPath, MerkleLog } from './log/merkle-log.js';

/**
 * The Merkle log (integrity.db in the data folder, for both store kinds), its follower and the
 * checkpointer, started once the application is up and stopped before the event store closes.
 */
@Module({
  controllers: [IntegrityController],
  providers: [
    {
      provide: IntegrityLog,
      inject: [LEDGER_CONFIG, EVENT_STORE],
      useFactory: (config: LedgerConfig, store: EventStore) => {
        ensureWritableFolder(config.dataDir);
        const signer = new CheckpointSigner(config.integrity.origin, loadOrCreateSigningKey(config.dataDir, config.integrity));
        // Where the store lets another thread read its events (the embedded store), the log is fed from a
        // worker thread, so hashing never slows appends. Run from the TypeScript sources (the test suite)
        // there is no compiled worker script: the same follower then runs in this thread, and
        // test/integrity/worker-follower.spec.ts covers the worker.
        const worker = import.meta.url.endsWith('.js') ? {} : undefined;
        const verifyEveryMs = config.operations.verifyEveryHours * 3_600_000;
        // The log keeps its own index of event ids only for a store that cannot say where an event is.
        const log = new MerkleLog(integrityPath(config.dataDir), { eventIndex: !store.positionOfEvent });
        return new IntegrityLog(log, store, signer, config, { worker, verifyEveryMs });
      },
    },
  ],
  exports: [IntegrityLog],
})
export class IntegrityModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(private readonly integrity: IntegrityLog) {}

  onApplicationBootstrap(): void {
    this.integrity.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.integrity.stop();
  }

  onApplicationShutdown(): void {
    this.integrity.log.close();
  }
}

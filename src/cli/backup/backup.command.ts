import { Inject } from '@nestjs/common';
import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { storeName } from '../../ledger/store-backup.port.js';
import { takeBackup } from './take-backup.js';
import { CommandRefusedError, processTerminal } from './terminal.js';

interface BackupOptions {
  readonly withoutKeys?: boolean;
  readonly keysOnly?: boolean;
  readonly withoutReadModels?: boolean;
  readonly withSigningKey?: boolean;
}

/** Exit codes: 0 the backup is complete, 1 it failed (what was written is incomplete), 2 refused (a non-empty folder, no ledger). */
@Command({
  name: 'backup',
  arguments: '<folder>',
  description:
    "Copy the ledger consistently while the service runs (SQLite's online backup): events.db, integrity.db, read-models.db, the signing key's public part, a manifest with SHA-256s, and apart, in keys/, the personal-data key store.",
})
export class BackupCommand extends CommandRunner {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([folder]: string[], options: BackupOptions = {}): Promise<void> {
    const target = resolve(folder);
    try {
      const { manifest, keys } = await takeBackup(this.config, { folder: target, ...options }, processTerminal);
      if (manifest) {
        const checkpoint = manifest.latestCheckpoint
          ? `the latest signed checkpoint covers ${manifest.latestCheckpoint.treeSize} events`
          : 'no checkpoint signed yet';
        process.stdout.write(
          `Backup complete in ${target}: ${manifest.events === null ? `${storeName(manifest.store)} head ${manifest.headPosition} (its events are in its own backup)` : `${manifest.events} events up to position ${manifest.headPosition}`}, ` +
            `Merkle log of ${manifest.merkleLog?.treeSize ?? 0} leaves, ${checkpoint}; read models ${manifest.readModels}; personal-data keys ${manifest.personalDataKeys}.\n`,
        );
      } else if (keys) {
        process.stdout.write(`Key store backup complete in ${resolve(target, 'keys')}.\n`);
      }
    } catch (error) {
      process.stderr.write(`ledger backup: ${(error as Error).message}\n`);
      process.exitCode = error instanceof CommandRefusedError ? 2 : 1;
    }
  }

  @Option({ flags: '--without-keys', description: 'Leave the personal-data key store (keys.db) out' })
  parseWithoutKeys(): boolean {
    return true;
  }

  @Option({
    flags: '--keys-only',
    description: 'Back up the personal-data key store alone, into <folder>/keys (with EventStoreDB: after its own backup)',
  })
  parseKeysOnly(): boolean {
    return true;
  }

  @Option({ flags: '--without-read-models', description: 'Leave read-models.db out (a restore then rebuilds every projection on start)' })
  parseWithoutReadModels(): boolean {
    return true;
  }

  @Option({
    flags: '--with-signing-key',
    description: 'Also copy the private checkpoint signing key (whoever holds it can sign a rewritten history)',
  })
  parseWithSigningKey(): boolean {
    return true;
  }
}

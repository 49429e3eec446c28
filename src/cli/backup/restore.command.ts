import { Inject } from '@nestjs/common';
import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { describeReport } from '../../integrity/verification/verification-report.js';
import { restoreBackup } from './restore-backup.js';
import { CommandRefusedError, processTerminal } from './terminal.js';

interface RestoreOptions {
  readonly keys?: string;
  readonly withoutKeys?: boolean;
  readonly publicKey?: string;
}

/** Exit codes: 0 restored and verified, 1 the backup is damaged or does not verify (the data folder is left empty), 2 refused. */
@Command({
  name: 'restore',
  arguments: '<folder>',
  description:
    'Fill the empty data folder (LEDGER_DATA_DIR) from a backup: check every SHA-256 of the manifest, verify the restored ledger as `ledger verify` does, and only then move it into place.',
})
export class RestoreCommand extends CommandRunner {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([folder]: string[], options: RestoreOptions = {}): Promise<void> {
    try {
      const { report, manifest } = await restoreBackup(
        this.config,
        {
          folder: resolve(folder),
          keysFolder: options.keys === undefined ? undefined : resolve(options.keys),
          withoutKeys: options.withoutKeys,
          publicKey: options.publicKey,
        },
        processTerminal,
      );
      process.stdout.write(describeReport(report));
      process.stdout.write(
        `Restored into ${this.config.dataDir}: the backup of ${manifest.finishedAt} (ledger ${manifest.ledgerVersion}); read models ${manifest.readModels === 'included' ? 'restored' : 'to be rebuilt when the service starts'}. ` +
          `Done: start the service with LEDGER_DATA_DIR=${this.config.dataDir}` +
          (this.config.auth.mode === 'embedded'
            ? ' and mint new tokens (ledger token): the old token secret is not part of a backup.\n'
            : '.\n'),
      );
    } catch (error) {
      process.stderr.write(`ledger restore: ${(error as Error).message}\n`);
      process.exitCode = error instanceof CommandRefusedError ? 2 : 1;
    }
  }

  @Option({ flags: '--keys <folder>', description: "The key store's folder (keys/ of the backup) when it was kept apart" })
  parseKeys(value: string): string {
    return value;
  }

  @Option({ flags: '--without-keys', description: 'Restore without the personal-data key store: every reporter stays unreadable' })
  parseWithoutKeys(): boolean {
    return true;
  }

  @Option({
    flags: '--public-key <key>',
    description: 'Verify with this verifier key (or a file holding it) instead of the one in the backup',
  })
  parsePublicKey(value: string): string {
    return value;
  }
}

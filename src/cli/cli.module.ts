import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { CliResources } from './cli-resources.js';
import type { RowChecker } from '../import/row-checker.js';
import { RebuildCommand } from './rebuild.command.js';
import { TokenCommand } from './token.command.js';
import { EraseSubjectCommand } from './erase-subject.command.js';
import { PublicKeyCommand } from './integrity/public-key.command.js';
import { VerifyCommand } from './integrity/verify.command.js';
import { VerifyProofCommand } from './integrity/verify-proof.command.js';
import { BackupCommand } from './backup/backup.command.js';
import { RestoreCommand } from './backup/restore.command.js';
import { ImportCommand } from './import/import.command.js';

/**
 * The CLI's application context: the same store and read-model file as the service (chosen by the
 * same configuration), opened only by the commands that use them; no HTTP and no projection engine.
 */
@Module({})
export class CliModule implements OnApplicationShutdown {
  constructor(private readonly resources: CliResources) {}

  /** rowChecker: the import's checking thread, when it was started before this module. */
  static forConfig(config: LedgerConfig, rowChecker?: RowChecker): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CliResources, useValue: new CliResources(config, rowChecker) },
        RebuildCommand,
        TokenCommand,
        EraseSubjectCommand,
        PublicKeyCommand,
        VerifyCommand,
        VerifyProofCommand,
        BackupCommand,
        RestoreCommand,
        ImportCommand,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.resources.close();
  }
}

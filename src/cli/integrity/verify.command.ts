import { Inject } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { integrityPath, MerkleLog } from '../../integrity/log/merkle-log.js';
import type { CheckpointCandidate, LedgerSource } from '../../integrity/verification/ledger-source.js';
import { verifyLedger } from '../../integrity/verification/ledger-verifier.js';
import { describeReport } from '../../integrity/verification/verification-report.js';
import { LedgerNotFoundError } from '../../ledger/ledger-source.js';
import { openLedgerSource } from '../../ledger/open-event-store.js';
import { readCheckpointFile, UsageError, verifierKeyFrom } from './auditor-inputs.js';

interface VerifyOptions {
  readonly publicKey?: string;
  readonly checkpoint?: string[];
  readonly json?: boolean;
}

/** Exit codes: 0 the ledger verifies, 1 it does not (the first broken place is printed), 2 the command was misused. */
@Command({
  name: 'verify',
  description:
    'Recompute every stream hash chain and the Merkle root from the events, check them against every signed checkpoint, and name the first broken place. With the embedded store it reads events.db read-only, so the service may be stopped.',
})
export class VerifyCommand extends CommandRunner {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_parameters: string[], options: VerifyOptions = {}): Promise<void> {
    let source: LedgerSource | undefined;
    let log: MerkleLog | undefined;
    try {
      const verifierKey = verifierKeyFrom(options.publicKey, this.config.dataDir, this.config.integrity);
      const auditorCheckpoints: CheckpointCandidate[] = (options.checkpoint ?? []).map((file) => ({
        note: readCheckpointFile(file),
        source: `file ${file}`,
      }));
      source = await this.openSource();
      const logFile = integrityPath(this.config.dataDir);
      log = existsSync(logFile) ? new MerkleLog(logFile, { readonly: true }) : undefined;
      const logged = log;
      const report = await verifyLedger({
        source,
        verifierKey,
        loggedLeaves: logged && { size: logged.size, leafAt: (index) => logged.leafAt(index) },
        extraCheckpoints: [
          ...(logged?.checkpoints().map((checkpoint) => ({ note: checkpoint.note, source: 'integrity.db' })) ?? []),
          ...auditorCheckpoints,
        ],
      });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
      process.exitCode = report.ok ? 0 : 1;
    } catch (error) {
      process.stderr.write(`ledger verify: ${(error as Error).message}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    } finally {
      await source?.close();
      log?.close();
    }
  }

  @Option({
    flags: '--public-key <key>',
    description: "The verifier key you trust (or a file holding it); default: derived from the data folder's signing key",
  })
  parsePublicKey(value: string): string {
    return value;
  }

  @Option({
    flags: '--checkpoint <file>',
    description: 'A signed checkpoint you kept (the note, or the JSON of GET /api/v1/integrity/checkpoint); repeatable',
  })
  parseCheckpoint(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--json', description: 'Print the report as JSON (the same as GET /api/v1/integrity/verification)' })
  parseJson(): boolean {
    return true;
  }

  /** The configured store's events, read as the adapter stores them (the embedded file read-only: the service may be stopped). */
  private async openSource(): Promise<LedgerSource> {
    try {
      return await openLedgerSource(this.config);
    } catch (error) {
      if (error instanceof LedgerNotFoundError) throw new UsageError(error.message);
      throw error;
    }
  }
}

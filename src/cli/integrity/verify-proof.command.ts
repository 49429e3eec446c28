import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { openCheckpoint } from '../../integrity/checkpoint/checkpoint-signer.js';
import type { Checkpoint } from '../../integrity/checkpoint/checkpoint-note.js';
import type { NoteVerifierKey } from '../../integrity/checkpoint/signed-note.js';
import { verifyConsistency, verifyInclusion } from '../../integrity/merkle/merkle-verification.js';
import { readCheckpointFile, readJsonFile, UsageError, verifierKeyFrom } from './auditor-inputs.js';

interface VerifyProofOptions {
  readonly publicKey?: string;
  readonly checkpoint?: string;
  readonly fromCheckpoint?: string;
}

/**
 * Checks, offline, a proof saved from the API against signed checkpoints, with only the verifier key:
 * an inclusion proof against the checkpoint of its tree size, or a consistency proof between an
 * older checkpoint (--from-checkpoint) and a newer one (--checkpoint).
 * Exit codes: 0 the proof holds, 1 it does not, 2 the command was misused.
 */
@Command({
  name: 'verify-proof',
  arguments: '<proof-file>',
  description:
    'Check an inclusion or consistency proof (the JSON answer of /api/v1/integrity/proofs/...) against signed checkpoints, offline',
})
export class VerifyProofCommand extends CommandRunner {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run([proofFile]: string[], options: VerifyProofOptions = {}): Promise<void> {
    try {
      const key = verifierKeyFrom(options.publicKey, this.config.dataDir, this.config.integrity);
      const proof = readJsonFile(proofFile);
      if (options.checkpoint === undefined)
        throw new UsageError('--checkpoint <file> is required: the signed checkpoint to check the proof against');
      const checkpoint = this.open(options.checkpoint, key);
      const verdict = Array.isArray(proof.auditPath)
        ? this.inclusion(proof, checkpoint)
        : Array.isArray(proof.consistencyPath)
          ? this.consistency(proof, checkpoint, options, key)
          : undefined;
      if (verdict === undefined)
        throw new UsageError(`${proofFile} is neither an inclusion proof (auditPath) nor a consistency proof (consistencyPath)`);
      process.stdout.write(`${verdict.ok ? 'OK' : 'FAILED'}: ${verdict.message}\n`);
      process.exitCode = verdict.ok ? 0 : 1;
    } catch (error) {
      process.stderr.write(`ledger verify-proof: ${(error as Error).message}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    }
  }

  @Option({
    flags: '--public-key <key>',
    description: "The log's verifier key (or a file holding it); default: derived from the data folder's signing key",
  })
  parsePublicKey(value: string): string {
    return value;
  }

  @Option({ flags: '--checkpoint <file>', description: 'The signed checkpoint (newer one, for a consistency proof)' })
  parseCheckpoint(value: string): string {
    return value;
  }

  @Option({ flags: '--from-checkpoint <file>', description: 'For a consistency proof: the older signed checkpoint you kept' })
  parseFromCheckpoint(value: string): string {
    return value;
  }

  private open(file: string, key: NoteVerifierKey): Checkpoint {
    try {
      return openCheckpoint(readCheckpointFile(file), key);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new Error(`the checkpoint in ${file} is not signed by ${key.text}: ${(error as Error).message}`, { cause: error });
    }
  }

  private inclusion(proof: Record<string, unknown>, checkpoint: Checkpoint): { ok: boolean; message: string } {
    const leafIndex = wholeNumber(proof.leafIndex, 'leafIndex');
    const treeSize = wholeNumber(proof.treeSize, 'treeSize');
    const leafHash = hashOf(proof.leafHash, 'leafHash');
    const path = (proof.auditPath as unknown[]).map((hash, index) => hashOf(hash, `auditPath[${index}]`));
    const what = `event ${String(proof.eventId)} (leaf ${leafIndex}, global position ${String(proof.globalPosition)})`;
    if (treeSize !== checkpoint.treeSize) {
      return {
        ok: false,
        message: `the proof is for a tree of ${treeSize} events but the checkpoint is of ${checkpoint.treeSize}; ask for the proof with treeSize=${checkpoint.treeSize}`,
      };
    }
    return verifyInclusion(leafIndex, treeSize, leafHash, path, checkpoint.rootHash)
      ? {
          ok: true,
          message: `${what} is included in the tree of ${treeSize} events whose root ${checkpoint.rootHash.toString('base64')} is signed by ${checkpoint.origin}`,
        }
      : {
          ok: false,
          message: `the audit path does not lead from ${what} to the signed root ${checkpoint.rootHash.toString('base64')} of ${treeSize} events`,
        };
  }

  private consistency(
    proof: Record<string, unknown>,
    newer: Checkpoint,
    options: VerifyProofOptions,
    key: NoteVerifierKey,
  ): { ok: boolean; message: string } {
    if (options.fromCheckpoint === undefined)
      throw new UsageError('A consistency proof needs --from-checkpoint <file>: the older signed checkpoint you kept');
    const older = this.open(options.fromCheckpoint, key);
    const fromSize = wholeNumber(proof.fromSize, 'fromSize');
    const toSize = wholeNumber(proof.toSize, 'toSize');
    const path = (proof.consistencyPath as unknown[]).map((hash, index) => hashOf(hash, `consistencyPath[${index}]`));
    if (fromSize !== older.treeSize || toSize !== newer.treeSize) {
      return {
        ok: false,
        message: `the proof is from ${fromSize} to ${toSize} events but the checkpoints are of ${older.treeSize} and ${newer.treeSize}`,
      };
    }
    return verifyConsistency(fromSize, toSize, older.rootHash, newer.rootHash, path)
      ? {
          ok: true,
          message: `the signed tree of ${toSize} events extends the signed tree of ${fromSize}: nothing in the first ${fromSize} events was changed, removed or reordered`,
        }
      : {
          ok: false,
          message: `the signed tree of ${toSize} events is not an extension of the signed tree of ${fromSize}: the log was rewritten, or the proof is not for these checkpoints`,
        };
  }
}

function wholeNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new UsageError(`The proof's ${field} is not a whole number`);
  return value;
}

function hashOf(value: unknown, field: string): Buffer {
  const hash = typeof value === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(value) ? Buffer.from(value, 'base64') : undefined;
  if (!hash) throw new UsageError(`The proof's ${field} is not a base64 SHA-256 hash`);
  return hash;
}

import { existsSync, readFileSync } from 'node:fs';
import type { IntegrityConfig } from '../../config/ledger.config.js';
import { loadSigningKey, signingKeyPath } from '../../integrity/checkpoint/signing-key.js';
import { parseVerifierKey, verifierKeyOf, type NoteVerifierKey } from '../../integrity/checkpoint/signed-note.js';

/** A mistake in how a command was called (exit code 2), as opposed to a failed verification (1). */
export class UsageError extends Error {}

/**
 * The verifier key an auditor trusts: given on the command line (the key itself, or a file holding
 * it), or else derived from the signing key of the data folder (for the operator's own checks).
 */
export function verifierKeyFrom(option: string | undefined, dataDir: string, config: IntegrityConfig): NoteVerifierKey {
  if (option !== undefined) {
    const text = existsSync(option) ? readFileSync(option, 'utf8').trim() : option;
    try {
      return parseVerifierKey(text);
    } catch (error) {
      throw new UsageError(`--public-key: ${(error as Error).message}`);
    }
  }
  const file = signingKeyPath(dataDir, config);
  if (!existsSync(file))
    throw new UsageError(`No verifier key: pass --public-key <name+id+key> (the key the operator published); ${file} does not exist.`);
  return verifierKeyOf(config.origin, loadSigningKey(file, config.signingKeyFile !== undefined));
}

/** A checkpoint file: the signed note itself, or the JSON answer of GET /api/v1/integrity/checkpoint. */
export function readCheckpointFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the checkpoint file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!text.trimStart().startsWith('{')) return text;
  try {
    const note = (JSON.parse(text) as { note?: unknown }).note;
    if (typeof note === 'string') return note;
  } catch {
    // fall through
  }
  throw new UsageError(`${file} is neither a signed note nor a checkpoint answer with a "note" field`);
}

export function readJsonFile(file: string): Record<string, unknown> {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  throw new UsageError(`${file} is not a JSON object`);
}

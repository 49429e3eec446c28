import { chainLinkProblem } from '../../ledger/event-hash.js';
import type { RecordedEvent } from '../../ledger/event-store.port.js';
import { openCheckpoint } from '../checkpoint/checkpoint-signer.js';
import type { NoteVerifierKey } from '../checkpoint/signed-note.js';
import { eventLeafHash } from '../log/leaf-encoding.js';
import { MerkleFrontier } from '../merkle/merkle-frontier.js';
import { EMPTY_ROOT } from '../merkle/merkle-hash.js';
import { recordedCheckpointNotes, UnreadableEventError, type CheckpointCandidate, type LedgerSource } from './ledger-source.js';
import type { CheckedCheckpoint, VerificationProblem, VerificationReport } from './verification-report.js';

/** The leaves the running log recorded, when its file is at hand: they pin a difference to one event. */
export interface LoggedLeaves {
  readonly size: number;
  leafAt(leafIndex: number): { readonly leafHash: Buffer; readonly eventId: string; readonly globalPosition: number } | undefined;
}

export interface VerificationInput {
  readonly source: LedgerSource;
  readonly verifierKey: NoteVerifierKey;
  /** Signed notes found elsewhere than in the ledger: the log's file, files an auditor kept. */
  readonly extraCheckpoints?: readonly CheckpointCandidate[];
  readonly loggedLeaves?: LoggedLeaves;
}

interface SignedRoot {
  readonly rootHash: Buffer;
  readonly sources: string[];
}

/**
 * Recomputes everything an auditor needs to trust, from the events alone: each stream's hash chain
 * (revisions without gaps, each previousHash pointing at its predecessor, each hash matching its
 * content), global positions without gaps, and the Merkle root at the size of every signed checkpoint
 * (whose signature is checked with the verifier key). Stops at the first broken place in global order
 * and names it: stream, revision, global position, leaf, and what differs.
 */
export async function verifyLedger(input: VerificationInput): Promise<VerificationReport> {
  const { source, verifierKey, loggedLeaves } = input;
  const candidates = [...(await recordedCheckpointNotes(source)), ...(input.extraCheckpoints ?? [])];
  const signed = new Map<number, Map<string, SignedRoot>>();
  let firstProblem: VerificationProblem | null = null;
  for (const candidate of candidates) {
    try {
      const checkpoint = openCheckpoint(candidate.note, verifierKey);
      const roots = signed.get(checkpoint.treeSize) ?? new Map<string, SignedRoot>();
      const key = checkpoint.rootHash.toString('base64');
      const entry = roots.get(key) ?? { rootHash: checkpoint.rootHash, sources: [] };
      if (!entry.sources.includes(candidate.source)) entry.sources.push(candidate.source);
      roots.set(key, entry);
      signed.set(checkpoint.treeSize, roots);
    } catch (error) {
      firstProblem ??= {
        kind: 'checkpoint-unverifiable',
        problem: `the checkpoint from ${candidate.source} does not verify with ${verifierKey.text}: ${(error as Error).message}`,
      };
    }
  }

  const heads = new Map<string, { streamRevision: number; hash: string }>();
  const frontier = new MerkleFrontier();
  const matched: CheckedCheckpoint[] = [];
  let lastPosition = 0;
  let first = true;

  const check = (event: RecordedEvent): VerificationProblem | undefined => {
    const leafIndex = frontier.size;
    const at = { streamId: event.streamId, streamRevision: event.streamRevision, globalPosition: event.globalPosition, leafIndex };
    const expectedPosition = first ? 1 : lastPosition + 1;
    if (source.densePositions && event.globalPosition !== expectedPosition) {
      const missing = event.globalPosition > expectedPosition;
      const logged = loggedLeaves?.leafAt(leafIndex);
      return {
        kind: missing ? 'position-gap' : 'position-order',
        ...at,
        problem: missing
          ? `global position ${event.globalPosition} follows ${expectedPosition - 1}: position${event.globalPosition - expectedPosition > 1 ? `s ${expectedPosition}-${event.globalPosition - 1} are` : ` ${expectedPosition} is`} missing` +
            (logged ? ` (the integrity log recorded event ${logged.eventId} at position ${logged.globalPosition})` : '')
          : `global position ${event.globalPosition} comes after ${lastPosition}: the global order was rewritten`,
      };
    }
    if (!source.densePositions && !first && event.globalPosition <= lastPosition) {
      return {
        kind: 'position-order',
        ...at,
        problem: `global position ${event.globalPosition} comes after ${lastPosition}: the global order was rewritten`,
      };
    }
    const chain = chainLinkProblem(heads.get(event.streamId), event);
    if (chain) return { kind: 'stream-chain', ...at, problem: chain };
    const leaf = eventLeafHash(event);
    const logged = loggedLeaves && leafIndex < loggedLeaves.size ? loggedLeaves.leafAt(leafIndex) : undefined;
    if (logged && !logged.leafHash.equals(leaf)) {
      return {
        kind: 'leaf-mismatch',
        ...at,
        problem:
          `this event (id ${event.eventId}) hashes to leaf ${leaf.toString('base64')}, but the integrity log recorded ` +
          `${logged.leafHash.toString('base64')} here, for event ${logged.eventId} at global position ${logged.globalPosition}: the event or its place in the global order changed after it was logged`,
      };
    }
    frontier.append(leaf);
    heads.set(event.streamId, { streamRevision: event.streamRevision, hash: event.hash });
    lastPosition = event.globalPosition;
    first = false;
    const roots = signed.get(frontier.size);
    if (roots) {
      const root = frontier.root();
      for (const entry of roots.values()) {
        if (!entry.rootHash.equals(root)) {
          return {
            kind: 'root-mismatch',
            ...at,
            treeSize: frontier.size,
            problem:
              `the first ${frontier.size} events (up to this one) hash to the Merkle root ${root.toString('base64')}, but the checkpoint signed for ` +
              `${frontier.size} events (${entry.sources.join('; ')}) says ${entry.rootHash.toString('base64')}: an event up to here was changed, removed, added or reordered`,
          };
        }
        matched.push({ treeSize: frontier.size, rootHash: root.toString('base64'), sources: entry.sources });
      }
    }
    return undefined;
  };

  for (const entry of signed.get(0)?.values() ?? []) {
    // A checkpoint of the empty tree: its root must be MTH({}), the hash of nothing.
    if (entry.rootHash.equals(EMPTY_ROOT)) matched.push({ treeSize: 0, rootHash: EMPTY_ROOT.toString('base64'), sources: entry.sources });
    else
      firstProblem ??= {
        kind: 'root-mismatch',
        treeSize: 0,
        problem: `the checkpoint signed for 0 events (${entry.sources.join('; ')}) says ${entry.rootHash.toString('base64')}, not the root of the empty tree`,
      };
  }

  if (firstProblem === null) {
    try {
      outer: for await (const batch of source.events()) {
        for (const event of batch) {
          const problem = check(event);
          if (problem) {
            firstProblem = problem;
            break outer;
          }
        }
      }
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      firstProblem = {
        kind: 'unreadable-event',
        streamId: error.streamId,
        streamRevision: error.streamRevision,
        globalPosition: error.globalPosition,
        leafIndex: frontier.size,
        problem: error.message,
      };
    }
  }

  const sizes = [...signed.keys()].sort((a, b) => a - b);
  const largest = sizes[sizes.length - 1];
  if (firstProblem === null && largest !== undefined && largest > frontier.size) {
    const sources = [...signed.get(largest)!.values()].flatMap((entry) => entry.sources);
    firstProblem = {
      kind: 'truncated',
      globalPosition: lastPosition,
      treeSize: largest,
      problem: `the ledger ends after ${frontier.size} events (global position ${lastPosition}), but a checkpoint signed for ${largest} events exists (${sources.join('; ')}): the last ${largest - frontier.size} events are missing`,
    };
  }
  if (firstProblem === null && frontier.size > 0 && largest === undefined) {
    firstProblem = {
      kind: 'no-checkpoint',
      problem: `no checkpoint signed by ${verifierKey.text} covers this ledger of ${frontier.size} events, so its chains are consistent but nothing proves they were not recomputed; make one (POST /api/v1/integrity/checkpoints) and verify again`,
    };
  }
  const latest = matched.length > 0 ? matched[matched.length - 1] : null;
  return {
    ok: firstProblem === null,
    verifierKey: verifierKey.text,
    eventsChecked: frontier.size,
    streamsChecked: heads.size,
    lastGlobalPosition: lastPosition,
    rootHash: frontier.root().toString('base64'),
    checkpointsMatched: matched,
    latestCheckpoint: latest,
    eventsAfterLatestCheckpoint: latest ? frontier.size - latest.treeSize : frontier.size,
    firstProblem,
  };
}

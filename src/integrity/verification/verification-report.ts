/** Where the verification found the ledger broken: the first place in global order, and what differs. */
export interface VerificationProblem {
  readonly kind:
    | 'unreadable-event'
    | 'position-gap'
    | 'position-order'
    | 'stream-chain'
    | 'leaf-mismatch'
    | 'root-mismatch'
    | 'truncated'
    | 'checkpoint-unverifiable'
    | 'no-checkpoint';
  readonly streamId?: string;
  readonly streamRevision?: number;
  readonly globalPosition?: number;
  /** 0-based index of the event's leaf in the Merkle log (its place in the global order). */
  readonly leafIndex?: number;
  readonly treeSize?: number;
  readonly problem: string;
}

export interface CheckedCheckpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  /** Where the signed note came from: the ledger, the log's file, or a file the auditor gave. */
  readonly sources: readonly string[];
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly verifierKey: string;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly lastGlobalPosition: number;
  /** The Merkle root the verifier recomputed over every event it read (base64). */
  readonly rootHash: string;
  readonly checkpointsMatched: readonly CheckedCheckpoint[];
  readonly latestCheckpoint: CheckedCheckpoint | null;
  /** Events after the latest signed checkpoint: checked by their stream chains only, not yet signed for. */
  readonly eventsAfterLatestCheckpoint: number;
  readonly firstProblem: VerificationProblem | null;
}

/** The report as lines a person reads in a terminal; the first problem names its place exactly. */
export function describeReport(report: VerificationReport): string {
  const lines: string[] = [];
  lines.push(`Verifier key: ${report.verifierKey}`);
  const events = (count: number): string => `${count} event${count === 1 ? '' : 's'}`;
  const before = report.firstProblem === null ? '' : ' before the first problem';
  lines.push(
    `Events verified${before}: ${events(report.eventsChecked)} in ${report.streamsChecked} streams, up to global position ${report.lastGlobalPosition}`,
  );
  lines.push(`Recomputed Merkle root of those ${events(report.eventsChecked)}: ${report.rootHash}`);
  for (const checkpoint of report.checkpointsMatched) {
    lines.push(`Signed checkpoint of ${events(checkpoint.treeSize)} matches (${checkpoint.sources.join('; ')})`);
  }
  if (report.latestCheckpoint && report.eventsAfterLatestCheckpoint > 0) {
    lines.push(
      `${events(report.eventsAfterLatestCheckpoint)} after the latest signed checkpoint: covered by the stream chains only until the next checkpoint`,
    );
  }
  const problem = report.firstProblem;
  if (problem === null) {
    lines.push(
      `OK: every stream chain holds, global positions have no gap, and the Merkle root matches every signed checkpoint (latest: ${report.latestCheckpoint?.treeSize} events).`,
    );
  } else {
    const place = [
      problem.streamId !== undefined ? `stream ${problem.streamId}` : undefined,
      problem.streamRevision !== undefined ? `revision ${problem.streamRevision}` : undefined,
      problem.globalPosition !== undefined ? `global position ${problem.globalPosition}` : undefined,
      problem.leafIndex !== undefined ? `leaf ${problem.leafIndex}` : undefined,
      problem.treeSize !== undefined ? `tree size ${problem.treeSize}` : undefined,
    ].filter((part) => part !== undefined);
    lines.push(`FAILED (${problem.kind})${place.length > 0 ? ` at ${place.join(', ')}` : ''}: ${problem.problem}`);
  }
  return `${lines.join('\n')}\n`;
}

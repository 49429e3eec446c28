import type { LedgerSource } from '../../ledger/ledger-source.js';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM } from '../log/merkle-log.js';

export { UnreadableEventError, type LedgerSource } from '../../ledger/ledger-source.js';

/** A signed note to check the ledger against, and where it was found. */
export interface CheckpointCandidate {
  readonly note: string;
  readonly source: string;
}

/** The signed notes the ledger itself recorded, as CheckpointSigned events of the checkpoint stream. */
export async function recordedCheckpointNotes(source: LedgerSource): Promise<CheckpointCandidate[]> {
  const events = await source.readableStream(CHECKPOINT_STREAM);
  return events.flatMap((event) => {
    const note = event.type === CHECKPOINT_EVENT_TYPE ? event.data.note : undefined;
    return typeof note === 'string' ? [{ note, source: `CheckpointSigned event at global position ${event.globalPosition}` }] : [];
  });
}

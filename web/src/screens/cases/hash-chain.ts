import type { AuditEntry } from '../../api/views';

export type ChainVerdict =
  { readonly intact: true; readonly length: number } | { readonly intact: false; readonly brokenAtRevision: number };

/**
 * Checks the links of one stream's hash chain as the audit trail lists them: revisions 0, 1, 2...
 * without a gap, the first naming no previous hash, each next one naming the hash of the one before.
 * (Recomputing each hash from the event's content is `ledger verify`'s work: the trail has no data.)
 */
export function checkChain(entries: readonly AuditEntry[], streamId: string): ChainVerdict {
  const stream = entries.filter((entry) => entry.streamId === streamId).sort((a, b) => a.streamRevision - b.streamRevision);
  for (const [index, entry] of stream.entries()) {
    const expectedPrevious = index === 0 ? null : stream[index - 1].hash;
    if (entry.streamRevision !== index || entry.previousHash !== expectedPrevious) return { intact: false, brokenAtRevision: index };
  }
  return { intact: true, length: stream.length };
}

/** What an append request expects of its stream, as the gRPC options say it. */
export type ExpectedVersion = bigint | 'any' | 'no-stream' | 'stream-exists';

export type CommitDecision =
  { readonly kind: 'ok' } | { readonly kind: 'wrong-expected-version' } | { readonly kind: 'idempotent'; readonly lastRevision: bigint };

interface CommittedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
}

/**
 * EventStoreDB's write decision (IndexWriter.CheckCommit), ported so the fake accepts, refuses and
 * silently replays exactly the appends a real server does:
 *
 * - 'any' and 'stream-exists' look every event id up in the committed-id table: all found in this
 *   stream means an idempotent repeat (nothing written, success with the first result), none found
 *   means write, some found means "corrupted idempotency", answered as WrongExpectedVersion.
 *   Their order and place in the stream are not checked.
 * - an exact revision (no-stream is revision -1) lower than the stream's is a repeat only when the
 *   events right after that revision carry the same ids in the same order.
 * - an exact revision higher than the stream's, or 'stream-exists' on an absent stream, is refused.
 */
export function checkCommit(
  streamId: string,
  stream: readonly CommittedEvent[],
  findCommitted: (eventId: string) => CommittedEvent | undefined,
  expected: ExpectedVersion,
  eventIds: readonly string[],
): CommitDecision {
  const current = BigInt(stream.length) - 1n;
  if (expected === 'stream-exists' && current < 0n) return { kind: 'wrong-expected-version' };

  if (expected === 'any' || expected === 'stream-exists') {
    let lastRevision: bigint | undefined;
    for (const [index, eventId] of eventIds.entries()) {
      const committed = findCommitted(eventId);
      if (!committed || committed.streamId !== streamId) return index === 0 ? { kind: 'ok' } : { kind: 'wrong-expected-version' };
      lastRevision = committed.revision;
    }
    return lastRevision === undefined ? { kind: 'ok' } : { kind: 'idempotent', lastRevision };
  }

  const expectedRevision = expected === 'no-stream' ? -1n : expected;
  if (expectedRevision < current) {
    let revision = expectedRevision;
    for (const eventId of eventIds) {
      revision += 1n;
      if (stream[Number(revision)]?.eventId !== eventId) return { kind: 'wrong-expected-version' };
    }
    return revision === expectedRevision ? { kind: 'wrong-expected-version' } : { kind: 'idempotent', lastRevision: revision };
  }
  if (expectedRevision > current) return { kind: 'wrong-expected-version' };
  return { kind: 'ok' };
}

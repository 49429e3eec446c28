import type { Position } from '@eventstore/db-client';

/**
 * How a ledger globalPosition (a JS number) maps to an EventStoreDB $all position (a pair of
 * unsigned 64-bit commit and prepare positions): globalPosition = the commit position, and a
 * globalPosition p is handed back to the server as { commit: p, prepare: p }.
 *
 * Why that is exact and unique for every event this adapter writes, on a real server:
 *
 * - A gRPC append, of one event or many, is an implicit transaction: the writer stores each event as
 *   its own prepare record flagged IsCommitted (TransactionBegin on the first, TransactionEnd on the
 *   last) and writes no separate commit record (EventStore/EventStore StorageWriterService,
 *   WritePrepares). For such records $all reads report the record's own log position as the commit
 *   position (AllReader.ReadAllEventsForward: `new CommitEventRecord(eventRecord, prepare.LogPosition)`)
 *   and live subscriptions do too (IndexCommitter publishes `EventCommitted(prepares[i].LogPosition)`).
 *   So commit == prepare == the byte offset of the event in the log: unique and increasing in $all
 *   order, even inside a multi-event append.
 * - Servers before 20.6 sent the transaction's first position as the prepare position of every
 *   event of a batch over gRPC (EventStore-Client-Dotnet#20, fixed by EventStore#2522); the commit
 *   position was already per event, which is one more reason to key on the commit position.
 * - Only explicit transactions of the legacy TCP API share one commit position (that of their commit
 *   record) among several events. The ledger never writes those; events of other writers are skipped
 *   and are resumed from only by their exact (commit, prepare) pair, never by number.
 * - Reading $all forwards from a position includes the event at it (AllReader: `TFPos >= pos`);
 *   a subscription from a position starts after it (Enumerators.AllSubscription reads one event at
 *   the position and catches up from the position after it; EventStore#3230 calls the subscription
 *   start "exclusive"). The adapter relies on both and also drops anything at or before its cursor.
 * - Stream reads carry $all positions only since server 22.6 (EventStore#3459; the client's typings:
 *   "Only returned on server versions later than 22.6.0"); before that the adapter looks them up in $all.
 *
 * Log positions are byte offsets, so a JS number stays exact up to 2^53 bytes (8 PiB) of log.
 */
export function globalPositionOf(position: Position): number {
  const value = Number(position.commit);
  if (!Number.isSafeInteger(value)) throw new RangeError(`EventStoreDB position ${position.commit} does not fit a JS number exactly`);
  return value;
}

/** What a server before 22.6 sends on a stream read for "no position": -1 as an unsigned 64-bit number. */
const NO_POSITION = (1n << 64n) - 1n;

export function hasKnownPosition(position: Position | undefined): position is Position {
  return position !== undefined && position.commit !== NO_POSITION && position.prepare !== NO_POSITION;
}

/**
 * The $all position of the ledger event at `globalPosition`, to read or subscribe after it;
 * undefined for 0, "before everything". Any other value must be a globalPosition this adapter
 * produced: a real server cannot start at an arbitrary byte offset of its log.
 */
export function positionOfGlobal(globalPosition: number): Position | undefined {
  if (!Number.isSafeInteger(globalPosition) || globalPosition < 0) throw new RangeError(`${globalPosition} is not a global position`);
  if (globalPosition === 0) return undefined;
  const position = BigInt(globalPosition);
  return { commit: position, prepare: position };
}

/** Orders two $all positions as the server does: by commit, then by prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

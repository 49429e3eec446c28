import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import streams from '@eventstore/db-client/generated/streams_pb.js';
import type { ServerFilter } from './event-filter.js';
import type { InMemoryLog, RevisionStart } from './in-memory-log.js';
import { readEvent } from './wire.js';

export interface AllSubscriptionRequest {
  readonly from: RevisionStart;
  readonly filter: ServerFilter | undefined;
  readonly structuredIds: boolean;
  /** Holds the call while the subscription runs, so tests can see that a client let go. */
  readonly open: Set<object>;
}

/** A real server reads its catch-up in pages of 32; the fake yields to the event loop between pages. */
const PAGE = 32;

/**
 * A catch-up subscription to $all with a real server's protocol: a confirmation, the events after
 * the start position, CaughtUp, then live events. Catch-up runs a page per turn of the event loop
 * while appends keep arriving, so the seam between catch-up and live is exercised for real.
 *
 * Like a real server, a start position is exclusive: the first event at or after it is skipped
 * (the server reads one event from the position and continues from the position after it).
 */
export function runAllSubscription(
  log: InMemoryLog,
  call: ServerWritableStream<streams.ReadReq, streams.ReadResp>,
  request: AllSubscriptionRequest,
): void {
  let cursor = startIndex(log, request.from);
  let considered = 0;
  let caughtUp = false;
  let scheduled = false;
  let closed = false;

  const write = (message: streams.ReadResp): void => {
    if (!closed) call.write(message);
  };
  const checkpoint = (position: bigint): void =>
    write(
      new streams.ReadResp().setCheckpoint(
        new streams.ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()),
      ),
    );

  const pump = (): void => {
    scheduled = false;
    if (closed) return;
    for (let budget = PAGE; budget > 0 && cursor < log.length; budget--) {
      const record = log.at(cursor++);
      considered += 1;
      if (!request.filter || request.filter.accepts(record))
        write(readEvent(record, { structuredIds: request.structuredIds, withPosition: true }));
      if (request.filter && considered % request.filter.checkpointEvery === 0) checkpoint(record.position);
    }
    if (cursor < log.length) return schedule();
    if (!caughtUp) {
      caughtUp = true;
      if (request.filter && cursor > 0) checkpoint(log.at(cursor - 1).position);
      write(new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp()));
    }
  };
  const schedule = (): void => {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(pump);
  };

  const stopListening = log.onAppended(schedule);
  const close = (): void => {
    closed = true;
    stopListening();
    request.open.delete(call);
  };
  request.open.add(call);
  call.on('cancelled', close);
  call.on('close', close);
  call.on('error', close);

  write(new streams.ReadResp().setConfirmation(new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  schedule();
}

function startIndex(log: InMemoryLog, from: RevisionStart): number {
  if (from === 'start') return 0;
  if (from === 'end') return log.length;
  const at = log.firstIndexAtOrAfter(from);
  return at < log.length ? at + 1 : log.length;
}

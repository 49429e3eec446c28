import { status, type ServerWritableStream } from '@grpc/grpc-js';
import streams from '@eventstore/db-client/generated/streams_pb.js';
import { filterOf } from './event-filter.js';
import type { InMemoryLog, RevisionStart } from './in-memory-log.js';
import { streamIdentifier, streamNameOf, readEvent, type ReadEventOptions } from './wire.js';
import { runAllSubscription } from './all-subscription.js';

export interface ReadBehaviour {
  /** False emulates servers before 22.6, whose stream reads carry no $all position. */
  readonly streamReadsCarryPositions: boolean;
  /** The calls of the subscriptions currently running. */
  readonly openSubscriptions: Set<object>;
  /** Counts every subscription started, including resubscriptions. */
  readonly started: { subscribeToAll: number };
}

/** Streams.Read: stream reads, $all reads and $all catch-up subscriptions. */
export function handleRead(
  log: InMemoryLog,
  behaviour: ReadBehaviour,
  call: ServerWritableStream<streams.ReadReq, streams.ReadResp>,
): void {
  const options = call.request.getOptions();
  if (!options) return fail(call, status.INVALID_ARGUMENT, 'ReadReq without options');
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const backwards = options.getReadDirection() === streams.ReadReq.Options.ReadDirection.BACKWARDS;
  const subscription = options.getCountOptionCase() === streams.ReadReq.Options.CountOptionCase.SUBSCRIPTION;

  if (options.getStreamOptionCase() === streams.ReadReq.Options.StreamOptionCase.STREAM) {
    if (subscription) return fail(call, status.UNIMPLEMENTED, 'The fake server does not implement stream subscriptions');
    const streamOptions = options.getStream() as streams.ReadReq.Options.StreamOptions;
    const streamId = streamNameOf(streamOptions.getStreamIdentifier());
    const records = log.readStream(streamId, revisionStart(streamOptions), backwards, BigInt(options.getCount()));
    if (!records) {
      call.write(
        new streams.ReadResp().setStreamNotFound(new streams.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId))),
      );
      call.end();
      return;
    }
    const eventOptions: ReadEventOptions = { structuredIds, withPosition: behaviour.streamReadsCarryPositions };
    for (const record of records) call.write(readEvent(record, eventOptions));
    call.end();
    return;
  }

  const allOptions = options.getAll() as streams.ReadReq.Options.AllOptions;
  const from = positionStart(allOptions);
  const filter = filterOf(options);
  if (subscription) {
    if (backwards) return fail(call, status.INVALID_ARGUMENT, 'A subscription reads forwards');
    behaviour.started.subscribeToAll += 1;
    runAllSubscription(log, call, { from, filter, structuredIds, open: behaviour.openSubscriptions });
    return;
  }
  const records = log.readAll(from, backwards, BigInt(options.getCount()), filter ? filter.accepts : undefined);
  for (const record of records) call.write(readEvent(record, { structuredIds, withPosition: true }));
  call.end();
}

function revisionStart(options: streams.ReadReq.Options.StreamOptions): RevisionStart {
  switch (options.getRevisionOptionCase()) {
    case streams.ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION:
      return BigInt(options.getRevision());
    case streams.ReadReq.Options.StreamOptions.RevisionOptionCase.END:
      return 'end';
    default:
      return 'start';
  }
}

function positionStart(options: streams.ReadReq.Options.AllOptions): RevisionStart {
  switch (options.getAllOptionCase()) {
    case streams.ReadReq.Options.AllOptions.AllOptionCase.POSITION: {
      const position = options.getPosition() as streams.ReadReq.Options.Position;
      // Every event the fake holds has commit == prepare; the commit position orders $all.
      return BigInt(position.getCommitPosition());
    }
    case streams.ReadReq.Options.AllOptions.AllOptionCase.END:
      return 'end';
    default:
      return 'start';
  }
}

function fail(call: ServerWritableStream<streams.ReadReq, streams.ReadResp>, code: status, details: string): void {
  call.emit('error', { code, details });
}

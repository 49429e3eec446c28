import { status, type sendUnaryData, type ServerDuplexStream, type ServerReadableStream } from '@grpc/grpc-js';
import googleEmpty from 'google-protobuf/google/protobuf/empty_pb.js';
import googleAny from 'google-protobuf/google/protobuf/any_pb.js';
import shared from '@eventstore/db-client/generated/shared_pb.js';
import codes from '@eventstore/db-client/generated/code_pb.js';
import rpcStatus from '@eventstore/db-client/generated/status_pb.js';
import streams from '@eventstore/db-client/generated/streams_pb.js';
import type { ExpectedVersion } from './commit-check.js';
import type { AppendOutcome, InMemoryLog, ProposedEvent } from './in-memory-log.js';
import { streamIdentifier, streamNameOf, uuidText } from './wire.js';

type ProposedMessage = streams.AppendReq.ProposedMessage | streams.BatchAppendReq.ProposedMessage;

/** Streams.Append: one options message, then the events, then one answer. */
export function handleAppend(
  log: InMemoryLog,
  call: ServerReadableStream<streams.AppendReq, streams.AppendResp>,
  callback: sendUnaryData<streams.AppendResp>,
): void {
  let options: streams.AppendReq.Options | undefined;
  const events: ProposedEvent[] = [];
  let failed = false;
  call.on('data', (request: streams.AppendReq) => {
    if (failed) return;
    try {
      if (request.hasOptions()) options = request.getOptions();
      else events.push(proposedEvent(request.getProposedMessage() as streams.AppendReq.ProposedMessage));
    } catch (error) {
      failed = true;
      callback({ code: status.INVALID_ARGUMENT, details: (error as Error).message });
    }
  });
  call.on('end', () => {
    if (failed) return;
    if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'Append without options' });
    const expected = expectedOfAppend(options);
    const outcome = log.append(streamNameOf(options.getStreamIdentifier()), expected, events);
    callback(null, appendResponse(outcome, expected));
  });
}

function expectedOfAppend(options: streams.AppendReq.Options): ExpectedVersion {
  switch (options.getExpectedStreamRevisionCase()) {
    case streams.AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return BigInt(options.getRevision());
    case streams.AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return 'no-stream';
    case streams.AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return 'stream-exists';
    default:
      return 'any';
  }
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedVersion): streams.AppendResp {
  if (outcome.kind === 'wrong-expected-version') {
    const wrong = new streams.AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === 'no-stream') wrong.setCurrentNoStream(new shared.Empty());
    else wrong.setCurrentRevision(outcome.currentRevision.toString());
    if (expected === 'any') wrong.setExpectedAny(new shared.Empty());
    else if (expected === 'stream-exists') wrong.setExpectedStreamExists(new shared.Empty());
    else if (expected === 'no-stream') wrong.setExpectedNoStream(new shared.Empty());
    else wrong.setExpectedRevision(expected.toString());
    return new streams.AppendResp().setWrongExpectedVersion(wrong);
  }
  const position = new streams.AppendResp.Position()
    .setCommitPosition(outcome.position.toString())
    .setPreparePosition(outcome.position.toString());
  return new streams.AppendResp().setSuccess(
    new streams.AppendResp.Success().setCurrentRevision(outcome.lastRevision.toString()).setPosition(position),
  );
}

interface PendingBatch {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly events: ProposedEvent[];
}

/**
 * Streams.BatchAppend, which clients use when ServerFeatures lists it (every server since 21.10):
 * one long-lived duplex call carrying many appends, each made of requests sharing a correlation
 * id, the first with options and the last marked final, each answered by one response.
 */
export function handleBatchAppend(log: InMemoryLog, call: ServerDuplexStream<streams.BatchAppendReq, streams.BatchAppendResp>): void {
  const pending = new Map<string, PendingBatch>();
  call.on('data', (request: streams.BatchAppendReq) => {
    const correlationId = request.getCorrelationId();
    const key = uuidText(correlationId);
    const options = request.getOptions();
    if (options)
      pending.set(key, { streamId: streamNameOf(options.getStreamIdentifier()), expected: expectedOfBatch(options), events: [] });
    const batch = pending.get(key);
    if (!batch) return;
    const response = new streams.BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(streamIdentifier(batch.streamId));
    try {
      for (const message of request.getProposedMessagesList()) batch.events.push(proposedEvent(message));
    } catch (error) {
      pending.delete(key);
      call.write(response.setError(badRequestStatus((error as Error).message)));
      return;
    }
    if (!request.getIsFinal()) return;
    pending.delete(key);
    const outcome = log.append(batch.streamId, batch.expected, batch.events);
    if (outcome.kind === 'wrong-expected-version') response.setError(wrongExpectedVersionStatus(outcome.currentRevision, batch.expected));
    else {
      const position = new shared.AllStreamPosition()
        .setCommitPosition(outcome.position.toString())
        .setPreparePosition(outcome.position.toString());
      response.setSuccess(new streams.BatchAppendResp.Success().setCurrentRevision(outcome.lastRevision.toString()).setPosition(position));
    }
    call.write(response);
  });
  call.on('end', () => call.end());
}

function expectedOfBatch(options: streams.BatchAppendReq.Options): ExpectedVersion {
  switch (options.getExpectedStreamPositionCase()) {
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
      return BigInt(options.getStreamPosition());
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
      return 'no-stream';
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
      return 'stream-exists';
    default:
      return 'any';
  }
}

/** A google.rpc.Status carrying WrongExpectedVersion in its details, as the real server packs it. */
function wrongExpectedVersionStatus(current: bigint | 'no-stream', expected: ExpectedVersion): rpcStatus.Status {
  const details = new shared.WrongExpectedVersion();
  if (current === 'no-stream') details.setCurrentNoStream(new googleEmpty.Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected === 'any') details.setExpectedAny(new googleEmpty.Empty());
  else if (expected === 'stream-exists') details.setExpectedStreamExists(new googleEmpty.Empty());
  else if (expected === 'no-stream') details.setExpectedNoStream(new googleEmpty.Empty());
  else details.setExpectedStreamPosition(expected.toString());
  const packed = new googleAny.Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new rpcStatus.Status().setCode(codes.Code.FAILED_PRECONDITION).setMessage('WrongExpectedVersion').setDetails(packed);
}

function badRequestStatus(message: string): rpcStatus.Status {
  const packed = new googleAny.Any();
  packed.pack(new shared.BadRequest().setMessage(message).serializeBinary(), 'event_store.client.BadRequest');
  return new rpcStatus.Status().setCode(codes.Code.INVALID_ARGUMENT).setMessage(message).setDetails(packed);
}

function proposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  // A real server refuses such a message with RequiredMetadataPropertyMissing.
  if (!type || !contentType) throw new Error('Proposed message without type or content-type');
  return {
    eventId: uuidText(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

import { Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import features from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type shared from '@eventstore/db-client/generated/shared_pb.js';
import { handleAppend, handleBatchAppend } from './append-handlers.js';
import { InMemoryLog } from './in-memory-log.js';
import { handleRead, type ReadBehaviour } from './read-handler.js';
import { seedSystemEvents } from './system-events.js';

export { InMemoryLog } from './in-memory-log.js';

export interface FakeEventStoreDbOptions {
  /**
   * 'batch-append' (the default) lists BatchAppend in ServerFeatures, as every server since 21.10
   * does, so the client appends through BatchAppend; 'append-only' leaves ServerFeatures
   * unimplemented, as a 20.x server, so the client falls back to Append.
   */
  readonly appendProtocol?: 'batch-append' | 'append-only';
  /** False emulates servers before 22.6, whose stream reads carry no $all position. Default true. */
  readonly streamReadsCarryPositions?: boolean;
}

export interface RpcCounts {
  /** Every Read call: stream reads, $all reads and subscriptions. */
  read: number;
  /** The Read calls that were $all subscriptions. */
  subscribeToAll: number;
  append: number;
  batchAppend: number;
  getSupportedMethods: number;
}

export interface FakeEventStoreDb {
  readonly connectionString: string;
  /** The server's data, for white-box assertions; it survives dropConnections(). */
  readonly log: InMemoryLog;
  /** How many calls of each RPC the server has received, to check which protocol a client used. */
  readonly calls: RpcCounts;
  /** How many $all subscriptions are running on the server right now. */
  openSubscriptions(): number;
  /**
   * Cancels every call and closes every connection, as a network failure or a server restart
   * does, then listens again on the same port after `downtimeMs`. The data survives.
   */
  dropConnections(downtimeMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * An in-memory EventStoreDB speaking the real gRPC protocol (the service definitions generated
 * inside @eventstore/db-client) on 127.0.0.1 and a random port, for tests: the part of the Streams
 * service the ledger uses, with EventStoreDB's semantics, and ServerFeatures.
 */
export async function startFakeEventStoreDb(options: FakeEventStoreDbOptions = {}): Promise<FakeEventStoreDb> {
  const log = new InMemoryLog();
  seedSystemEvents(log);
  const calls: RpcCounts = { read: 0, subscribeToAll: 0, append: 0, batchAppend: 0, getSupportedMethods: 0 };
  const behaviour: ReadBehaviour = {
    streamReadsCarryPositions: options.streamReadsCarryPositions ?? true,
    openSubscriptions: new Set(),
    started: calls,
  };
  const advertiseBatchAppend = (options.appendProtocol ?? 'batch-append') === 'batch-append';

  const counted =
    <Args extends unknown[]>(name: 'read' | 'append' | 'batchAppend' | 'getSupportedMethods', handler: (...args: Args) => void) =>
    (...args: Args): void => {
      calls[name] += 1;
      handler(...args);
    };

  const createServer = (): Server => {
    const server = new Server();
    server.addService(StreamsService, {
      read: counted('read', handleRead.bind(undefined, log, behaviour)),
      append: counted('append', handleAppend.bind(undefined, log)),
      batchAppend: counted('batchAppend', handleBatchAppend.bind(undefined, log)),
    });
    if (advertiseBatchAppend)
      server.addService(ServerFeaturesService, { getSupportedMethods: counted('getSupportedMethods', getSupportedMethods) });
    return server;
  };

  let server = createServer();
  const port = await bind(server, 0);
  let stopped = false;

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    calls,
    openSubscriptions: () => behaviour.openSubscriptions.size,
    async dropConnections(downtimeMs = 50) {
      server.forceShutdown();
      await delay(downtimeMs);
      if (stopped) return;
      server = createServer();
      await bindWithRetry(server, port);
    },
    async stop() {
      stopped = true;
      server.forceShutdown();
    },
  };
}

function getSupportedMethods(
  _call: ServerUnaryCall<shared.Empty, features.SupportedMethods>,
  callback: sendUnaryData<features.SupportedMethods>,
): void {
  // The client compares "/service/method" case-insensitively with its own method paths.
  const streams = (method: string) =>
    new features.SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(method);
  callback(
    null,
    new features.SupportedMethods()
      .setEventStoreServerVersion('23.10.0-fake')
      .setMethodsList([streams('read'), streams('append'), streams('batchappend')]),
  );
}

function bind(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(error) : resolve(boundPort),
    );
  });
}

/** The old listener's port may take a moment to be released after a forced shutdown. */
async function bindWithRetry(server: Server, port: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await bind(server, port);
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await delay(20);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

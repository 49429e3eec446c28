import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import { openFeedText } from '../ledger/open-stored-feed.js';
import type { CreateRebuildFold } from './projection.js';
import type { ReaderCommand, ReaderMessage, ReaderWorkerData } from './threaded-feed-reader.js';

/**
 * Reads the feed for a rebuild in its own thread, ahead of the thread that applies it: its own
 * read-only connection to the embedded store's file, each batch ONE JSON text of the events as
 * RecordedEvent has them (built by the store, see FeedText), which the applying thread parses with one
 * JSON.parse. That costs it a fifth of reading the rows and parsing them itself. (Sending parsed
 * objects would not do: structured clone's deserialisation costs more than the parse.)
 *
 * With a projection's fold (RebuildFold), the batch is parsed and folded here instead, and only what
 * the fold made of it is sent: the writing thread then holds its transaction for the writes alone.
 */
const { feed: address, batchSize, fold } = workerData as ReaderWorkerData;
const port = parentPort!;
const post = (message: ReaderMessage): void => port.postMessage(message);
const feed = openFeedText(address);
const foldBatch =
  fold === undefined
    ? undefined
    : ((await import(fold.module)) as { createRebuildFold: CreateRebuildFold }).createRebuildFold(feed, fold.options);

/** The pass being read: the events after `last` up to `upTo`, at most `credit` batches ahead of the applier. */
let pass: { readonly upTo: number; last: number; credit: number } | undefined;

function readOn(): void {
  const current = pass;
  if (!current) return;
  try {
    while (current.credit > 0) {
      const batch = current.last < current.upTo ? feed.batchAfter(current.last, batchSize) : null;
      if (batch === null) {
        pass = undefined;
        post({ type: 'end' });
        return;
      }
      const after = current.last;
      current.last = batch.last;
      current.credit -= 1;
      if (foldBatch === undefined) post({ type: 'batch', text: batch.json, count: batch.count, last: batch.last });
      else
        post({ type: 'folded', folded: foldBatch(eventsOf(batch.json, batch.last), after), count: batch.count, after, last: batch.last });
    }
  } catch (error) {
    pass = undefined;
    post({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

function eventsOf(json: string, last: number): RecordedEvent[] {
  try {
    return JSON.parse(json) as RecordedEvent[];
  } catch (error) {
    // A stored row that is not JSON any more: the same failure as the store's own read would give.
    throw new Error(`An event up to position ${last} cannot be read back: ${(error as Error).message}`, { cause: error });
  }
}

port.on('message', (command: ReaderCommand) => {
  switch (command.type) {
    case 'read':
      pass = { upTo: command.upTo, last: command.after, credit: command.credit };
      readOn();
      return;
    case 'taken':
      if (pass) pass.credit += 1;
      readOn();
      return;
    case 'stop':
      pass = undefined;
      void feed.close().finally(() => port.close());
      return;
    default:
      return command satisfies never;
  }
});

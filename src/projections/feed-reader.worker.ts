import { parentPort, workerData } from 'node:worker_threads';
import { openFeedText } from '../ledger/open-stored-feed.js';
import type { ReaderCommand, ReaderMessage, ReaderWorkerData } from './threaded-feed-reader.js';

/**
 * Reads the feed for a rebuild in its own thread, ahead of the thread that applies it: its own
 * read-only connection to the embedded store's file, each batch ONE JSON text of the events as
 * RecordedEvent has them (built by the store, see FeedText), which the applying thread parses with one
 * JSON.parse. That costs it a fifth of reading the rows and parsing them itself. (Sending parsed
 * objects would not do: structured clone's deserialisation costs more than the parse.)
 */
const { feed: address, batchSize } = workerData as ReaderWorkerData;
const port = parentPort!;
const post = (message: ReaderMessage): void => port.postMessage(message);
const feed = openFeedText(address);

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
      current.last = batch.last;
      current.credit -= 1;
      post({ type: 'batch', text: batch.json, count: batch.count, last: batch.last });
    }
  } catch (error) {
    pass = undefined;
    post({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
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

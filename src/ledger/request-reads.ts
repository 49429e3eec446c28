import type { EventStore, RecordedEvent } from './event-store.port.js';

/** What a command handler may start from: a stream as the same request read it a moment ago. */
export interface EarlierReads {
  earlier(streamId: string): Promise<readonly RecordedEvent[]> | undefined;
}

/**
 * The streams one request has read, each read once: the permission check reads a case to learn its
 * unit, a controller reads it for the case's lineage, and the command handler starts from that same
 * read instead of reading a third time (it trusts it only once the append proves it current, see
 * CommandHandler). Whole-stream reads only; a read that failed is forgotten, so the next one retries.
 */
export class RequestReads implements EarlierReads {
  private readonly byStream = new Map<string, Promise<readonly RecordedEvent[]>>();

  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  readStream(streamId: string): Promise<readonly RecordedEvent[]> {
    let read = this.byStream.get(streamId);
    if (!read) {
      read = this.store.readStream(streamId);
      this.byStream.set(streamId, read);
      read.catch(() => this.byStream.delete(streamId));
    }
    return read;
  }

  earlier(streamId: string): Promise<readonly RecordedEvent[]> | undefined {
    return this.byStream.get(streamId);
  }
}

const ofRequest = new WeakMap<object, RequestReads>();

/** The reads of one request (any object standing for it), made on first use. */
export function readsOf(request: object, store: Pick<EventStore, 'readStream'>): RequestReads {
  let reads = ofRequest.get(request);
  if (!reads) {
    reads = new RequestReads(store);
    ofRequest.set(request, reads);
  }
  return reads;
}

/** The reads a request has made, if any: what its command may start from. */
export function earlierReadsOf(request: object): EarlierReads | undefined {
  return ofRequest.get(request);
}

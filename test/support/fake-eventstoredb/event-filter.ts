import streams from '@eventstore/db-client/generated/streams_pb.js';
import type { StoredRecord } from './in-memory-log.js';

export interface ServerFilter {
  accepts(record: StoredRecord): boolean;
  /** Checkpoints are sent after this many events were looked at (matching or not). */
  readonly checkpointEvery: number;
}

/** The server's default search window; the client's checkpoint interval multiplies it. */
const DEFAULT_WINDOW = 32;

/**
 * A server-side $all filter: on the event type or the stream name, by regex (matched anywhere, as
 * .NET's Regex.IsMatch does) or by prefixes. Undefined when the request has no filter.
 */
export function filterOf(options: streams.ReadReq.Options): ServerFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter() as streams.ReadReq.Options.FilterOptions;
  const onType = filter.getFilterCase() === streams.ReadReq.Options.FilterOptions.FilterCase.EVENT_TYPE;
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  if (!expression) throw new Error('filter without an expression');
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  const matches = regex
    ? (value: string) => new RegExp(regex).test(value)
    : (value: string) => prefixes.some((prefix: string) => value.startsWith(prefix));
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_WINDOW;
  return {
    accepts: (record) => matches(onType ? record.type : record.streamId),
    checkpointEvery: window * Math.max(1, filter.getCheckpointintervalmultiplier()),
  };
}

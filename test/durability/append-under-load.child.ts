/**
 * The child process of kill-during-appends.spec.ts: appends to a SqliteEventStore under load until it
 * is killed. Not a test by itself; run as
 *
 *   node --import ./test/support/register-ts.mjs test/durability/append-under-load.child.ts \
 *        <database file> <intents file> <seed> <writers> <streams>
 *
 * Before each append it writes an intent line (synchronously, to the intents file, so a SIGKILL cannot
 * lose it); after each acknowledged append it writes one ack line (JSON) to stdout. The parent records
 * the acks as they arrive, kills this process with SIGKILL at a random moment, and checks the file.
 *
 * Several writers share the streams and use expected revisions: they conflict with one another, learn
 * the actual revision from the ConcurrencyError and go on. The streams continue across rounds: the
 * heads are read from the file at start.
 */
import { randomUUID } from 'node:crypto';
import { openSync, writeSync } from 'node:fs';
import type { ExpectedRevision, NewEvent } from '../../src/ledger/event-store.port.js';
import { ConcurrencyError } from '../../src/ledger/ledger.errors.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { PROBE_EVENT_TYPE, seededRandom, type ChildLine, type IntentLine, type ProbeData } from './durability-protocol.js';

async function main(argv: readonly string[]): Promise<void> {
  const [databaseFile, intentsFile, seedText, writersText, streamsText] = argv;
  const random = seededRandom(Number(seedText));
  const store = new SqliteEventStore(databaseFile);
  const streams = Array.from({ length: Number(streamsText) }, (_, index) => `durability-${index}`);
  const known = new Map<string, number | 'no-stream'>();
  for (const streamId of streams) {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    known.set(streamId, last ? last.streamRevision : 'no-stream');
  }
  const intents = openSync(intentsFile, 'a');
  const say = (line: ChildLine): void => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  const learn = (streamId: string, revision: number | 'no-stream'): void => {
    const current = known.get(streamId) ?? 'no-stream';
    if (revision !== 'no-stream' && (current === 'no-stream' || revision > current)) known.set(streamId, revision);
  };
  say({ kind: 'ready', heads: Object.fromEntries(known) });

  let sequence = 0;
  const writer = async (writerIndex: number): Promise<never> => {
    for (;;) {
      const streamId = streams[Math.floor(random() * streams.length)];
      const count = 1 + Math.floor(random() * 5);
      const appendId = `${process.pid}-${writerIndex}-${sequence++}`;
      const roll = random();
      const expected: ExpectedRevision = roll < 0.1 ? 'any' : (known.get(streamId) ?? 'no-stream');
      const events: NewEvent[] = Array.from({ length: count }, (_, index) => ({
        eventId: randomUUID(),
        type: PROBE_EVENT_TYPE,
        schemaVersion: 1,
        data: { appendId, index, count, writer: writerIndex, padding: 'x'.repeat(Math.floor(random() * 400)) } satisfies ProbeData,
        metadata: { actor: `test:writer-${writerIndex}`, correlationId: appendId, causationId: null, occurredAt: new Date().toISOString() },
      }));
      const eventIds = events.map((event) => event.eventId);
      writeSync(intents, `${JSON.stringify({ appendId, streamId, eventIds, expected } satisfies IntentLine)}\n`);
      try {
        const result = await store.append(streamId, events, expected);
        learn(streamId, result.nextExpectedRevision);
        say({
          kind: 'ack',
          appendId,
          streamId,
          eventIds,
          firstRevision: result.events[0].streamRevision,
          lastRevision: result.nextExpectedRevision,
          lastGlobalPosition: result.lastGlobalPosition,
        });
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        learn(streamId, error.actual);
        say({ kind: 'conflict', appendId });
      }
    }
  };
  await Promise.all(Array.from({ length: Number(writersText) }, (_, index) => writer(index)));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

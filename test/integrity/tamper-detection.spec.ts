import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashEnvelope } from '../../src/ledger/event-hash.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { toRecordedEvent, type EventRow } from '../../src/ledger/sqlite/sqlite-event-row.js';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { Checkpointer } from '../../src/integrity/checkpoint/checkpointer.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { MerkleLogFollower } from '../../src/integrity/log/merkle-log-follower.js';
import { openEmbeddedLedgerFile } from '../../src/ledger/open-event-store.js';
import { verifyLedger } from '../../src/integrity/verification/ledger-verifier.js';
import type { VerificationReport } from '../../src/integrity/verification/verification-report.js';
import { newEvent } from '../support/new-events.js';

/**
 * A ledger of 5 interleaved case streams: 30 events, a signed checkpoint (tree size 30; its event is
 * position 31), 10 more events, a second checkpoint (tree size 41; its event is position 42). Each test
 * tampers with a copy of the SQLite file, with the append-only triggers dropped as an insider would,
 * then verifies it from the file alone.
 */
describe('ledger verification detects tampering with the SQLite file and names the place', () => {
  let original: string;
  let work: string;
  const signer = new CheckpointSigner('ledger.test/log', generateKeyPairSync('ed25519').privateKey);

  beforeAll(async () => {
    original = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    const store = new SqliteEventStore(join(original, 'events.db'));
    const log = new MerkleLog(join(original, 'integrity.db'));
    const follower = new MerkleLogFollower(log, store);
    const checkpointer = new Checkpointer(log, store, follower, signer, { checkpointEveryEvents: 0, checkpointEveryMinutes: 0 });
    follower.start();
    checkpointer.start();
    for (let index = 0; index < 40; index += 1) {
      if (index === 30) expect((await checkpointer.checkpointNow()).treeSize).toBe(30);
      await store.append(`case-${index % 5}`, [newEvent('CaseNoted', { summary: `Smell from the dye works, report ${index}` })], 'any');
    }
    expect((await checkpointer.checkpointNow()).treeSize).toBe(41);
    expect(await follower.waitFor(42, 2000)).toBe(true);
    follower.stop();
    checkpointer.stop();
    await store.close();
    log.close();
  });
  afterAll(() => rmSync(original, { recursive: true, force: true }));

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'ledger-tamper-copy-'));
    for (const file of ['events.db', 'events.db-wal', 'integrity.db', 'integrity.db-wal']) {
      if (existsSync(join(original, file))) copyFileSync(join(original, file), join(work, file));
    }
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** Opens the copy as an insider would: the refusal triggers dropped. */
  function tamper(change: (db: Database.Database) => void): void {
    const db = new Database(join(work, 'events.db'));
    db.exec('DROP TRIGGER events_are_never_updated; DROP TRIGGER events_are_never_deleted;');
    db.transaction(() => change(db))();
    db.close();
  }

  async function verify(options: { withLog?: boolean; auditorCheckpoints?: string[] } = {}): Promise<VerificationReport> {
    const source = openEmbeddedLedgerFile(work);
    const log = options.withLog === false ? undefined : new MerkleLog(join(work, 'integrity.db'), { readonly: true });
    try {
      return await verifyLedger({
        source,
        verifierKey: signer.verifierKey,
        loggedLeaves: log && { size: log.size, leafAt: (index) => log.leafAt(index) },
        extraCheckpoints: [
          ...(log?.checkpoints().map((checkpoint) => ({ note: checkpoint.note, source: 'integrity.db' })) ?? []),
          ...(options.auditorCheckpoints ?? []).map((note) => ({ note, source: "the auditor's copy" })),
        ],
      });
    } finally {
      source.close();
      log?.close();
    }
  }

  function rowAt(db: Database.Database, position: number): EventRow {
    return db.prepare<[number], EventRow>('SELECT * FROM events WHERE global_position = ?').get(position)!;
  }

  it('passes an untouched copy and matches both checkpoints', async () => {
    const report = await verify();
    expect(report.firstProblem).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.eventsChecked).toBe(42);
    expect(report.checkpointsMatched.map((checkpoint) => checkpoint.treeSize)).toEqual([30, 41]);
    expect(report.eventsAfterLatestCheckpoint).toBe(1);
  });

  it('flip one byte of an event: the stream chain breaks at that event', async () => {
    let target!: EventRow;
    tamper((db) => {
      target = rowAt(db, 12);
      const at = target.data.indexOf('dye');
      const flipped = target.data.slice(0, at) + String.fromCharCode(target.data.charCodeAt(at) ^ 1) + target.data.slice(at + 1);
      db.prepare('UPDATE events SET data = ? WHERE global_position = 12').run(flipped);
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({
      kind: 'stream-chain',
      streamId: target.stream_id,
      streamRevision: target.stream_revision,
      globalPosition: 12,
      leafIndex: 11,
    });
    expect(report.firstProblem!.problem).toMatch(/^stored hash [0-9a-f]{64} does not match the content, which hashes to [0-9a-f]{64}$/);
  });

  it('delete a row: the gap in global positions is named, with the event the log had there', async () => {
    let deleted!: EventRow;
    tamper((db) => {
      deleted = rowAt(db, 17);
      db.prepare('DELETE FROM events WHERE global_position = 17').run();
    });
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'position-gap', globalPosition: 18, leafIndex: 16 });
    expect(report.firstProblem!.problem).toBe(
      `global position 18 follows 16: position 17 is missing (the integrity log recorded event ${deleted.event_id} at position 17)`,
    );
  });

  it('swap two rows of different streams (each chain still holds): the log names the first moved event; the checkpoint alone catches it too', async () => {
    tamper((db) => {
      const [a, b] = [rowAt(db, 20), rowAt(db, 21)];
      expect(a.stream_id).not.toBe(b.stream_id);
      db.prepare('DELETE FROM events WHERE global_position IN (20, 21)').run();
      const insert = db.prepare(
        'INSERT INTO events VALUES (@global_position, @event_id, @stream_id, @stream_revision, @type, @schema_version, @data, @metadata, @recorded_at, @previous_hash, @hash)',
      );
      insert.run({ ...b, global_position: 20 });
      insert.run({ ...a, global_position: 21 });
    });
    const withLog = await verify();
    expect(withLog.firstProblem).toMatchObject({ kind: 'leaf-mismatch', globalPosition: 20, leafIndex: 19 });
    const checkpointOnly = await verify({ withLog: false });
    expect(checkpointOnly.firstProblem).toMatchObject({ kind: 'root-mismatch', treeSize: 30, globalPosition: 30 });
    expect(checkpointOnly.firstProblem!.problem).toMatch(
      /^the first 30 events \(up to this one\) hash to the Merkle root \S+, but the checkpoint signed for 30 events \(CheckpointSigned event at global position 31\) says \S+/,
    );
  });

  it('insert a forged event into the past with every chain recomputed (an insider with the data folder): the Merkle log catches it', async () => {
    tamper((db) => {
      const all = db.prepare<[], EventRow>('SELECT * FROM events ORDER BY global_position').all().map(toRecordedEvent);
      const forged: RecordedEvent = {
        ...all[24],
        eventId: '00000000-0000-4000-8000-000000000001',
        data: { summary: 'Resolved on time' },
        type: 'CaseResolved',
      };
      const rewritten = rechain([...all.slice(0, 24), forged, ...all.slice(24)]);
      db.prepare('DELETE FROM events').run();
      const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const event of rewritten) {
        insert.run(
          event.globalPosition,
          event.eventId,
          event.streamId,
          event.streamRevision,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.recordedAt,
          event.previousHash,
          event.hash,
        );
      }
    });
    expect((await verify()).firstProblem).toMatchObject({ kind: 'leaf-mismatch', globalPosition: 25, leafIndex: 24 });
    expect((await verify({ withLog: false })).firstProblem).toMatchObject({ kind: 'root-mismatch', treeSize: 30 });
  });

  it('insert a forged event naively at the end of a stream: its chain link is wrong', async () => {
    tamper((db) => {
      const last = db.prepare<[], EventRow>("SELECT * FROM events WHERE stream_id = 'case-3' ORDER BY stream_revision DESC LIMIT 1").get()!;
      db.prepare('INSERT INTO events VALUES (43, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)').run(
        '00000000-0000-4000-8000-000000000002',
        'case-3',
        last.stream_revision + 1,
        'CaseResolved',
        '{"summary":"Resolved"}',
        last.metadata,
        last.recorded_at,
        'f'.repeat(64),
        'e'.repeat(64),
      );
    });
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'stream-chain', streamId: 'case-3', globalPosition: 43, leafIndex: 42 });
    expect(report.firstProblem!.problem).toMatch(/^previousHash is f{64} but the previous event's hash is [0-9a-f]{64}$/);
  });

  it("truncate the tail: the checkpoint kept in the log's file, or by the auditor, shows the missing events", async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE global_position > 35').run());
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'truncated', treeSize: 41, globalPosition: 35 });
    expect(report.firstProblem!.problem).toBe(
      'the ledger ends after 35 events (global position 35), but a checkpoint signed for 41 events exists (integrity.db): the last 6 events are missing',
    );
    const auditorsCopy = signer.sign(41, Buffer.alloc(32)); // only the size matters for a truncation
    expect((await verify({ withLog: false, auditorCheckpoints: [auditorsCopy] })).firstProblem).toMatchObject({
      kind: 'truncated',
      treeSize: 41,
    });
  });

  it('refuses a checkpoint that does not verify with the key, before reading any event', async () => {
    const other = new CheckpointSigner('ledger.test/log', generateKeyPairSync('ed25519').privateKey);
    const report = await verify({ auditorCheckpoints: [other.sign(30, Buffer.alloc(32))] });
    expect(report.firstProblem).toMatchObject({ kind: 'checkpoint-unverifiable' });
    expect(report.firstProblem!.problem).toMatch(
      /^the checkpoint from the auditor's copy does not verify with ledger\.test\/log\+[0-9a-f]{8}\+/,
    );
  });
});

/** What an insider with the data folder can do: renumber, re-revision and re-hash every event. */
function rechain(events: readonly RecordedEvent[]): RecordedEvent[] {
  const heads = new Map<string, RecordedEvent>();
  return events.map((event, index) => {
    const previous = heads.get(event.streamId);
    const fields = {
      ...event,
      globalPosition: index + 1,
      streamRevision: previous ? previous.streamRevision + 1 : 0,
      previousHash: previous ? previous.hash : null,
    };
    const rewritten = { ...fields, hash: hashEnvelope(fields) };
    heads.set(event.streamId, rewritten);
    return rewritten;
  });
}

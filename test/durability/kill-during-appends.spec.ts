/**
 * Crash safety of the embedded store: a child process appends under load (several writers, several
 * streams, multi-event appends, expected revisions, group commit) and is killed with SIGKILL at a
 * random moment; the database is then reopened and checked. Several rounds share one database, so
 * every round also recovers a file left by a killed writer and continues its streams.
 *
 * What a SIGKILL test proves: the process dies between any two instructions, so a commit is either
 * in the WAL or not, and recovery must present exactly the committed transactions. What it does not
 * prove: that the data survive a power cut or a kernel crash (the OS page cache survives a killed
 * process, so even synchronous=OFF would pass here). That part rests on synchronous=FULL.
 *
 * Replay a failing run with DURABILITY_SEED=<seed printed in the failure>; DURABILITY_ROUNDS=<n>.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { findChainBreak } from '../../src/ledger/event-hash.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { PROBE_EVENT_TYPE, seededRandom, type ChildLine, type IntentLine, type ProbeData } from './durability-protocol.js';

type AckLine = Extract<ChildLine, { kind: 'ack' }>;

const ROUNDS = Number(process.env.DURABILITY_ROUNDS ?? 5);
const SEED = Number(process.env.DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WRITERS = 8;
const STREAMS = 6;
const READY_TIMEOUT_MS = 15_000;

const here = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = join(here, '..', '..');
const registerTs = pathToFileURL(join(here, '..', 'support', 'register-ts.mjs')).href;
const childScript = join(here, 'append-under-load.child.ts');

interface KillPlan {
  /** Kill once this many acks have arrived... */
  readonly afterAcks?: number;
  /** ...or this many ms after the child said it was ready; */
  readonly afterMs?: number;
  /** then wait this much longer, so the kill does not always land right after an ack. */
  readonly extraMs: number;
}

interface RoundRun {
  readonly acks: AckLine[];
  readonly conflicts: number;
  readonly acksAtKill: number;
}

function planKill(random: () => number): KillPlan {
  const extraMs = Math.floor(random() * 8);
  return random() < 0.5 ? { afterAcks: 20 + Math.floor(random() * 600), extraMs } : { afterMs: 10 + Math.floor(random() * 400), extraMs };
}

/** Starts the child, records its acks as they arrive, SIGKILLs it as planned, resolves once it is gone. */
function runChildUntilKilled(databaseFile: string, intentsFile: string, childSeed: number, plan: KillPlan): Promise<RoundRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', registerTs, childScript, databaseFile, intentsFile, String(childSeed), String(WRITERS), String(STREAMS)],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acks: AckLine[] = [];
    let conflicts = 0;
    let acksAtKill = -1;
    let pending = '';
    let stderr = '';
    let killing = false;
    let backstop: NodeJS.Timeout | undefined;
    const kill = (): void => {
      if (killing) return;
      killing = true;
      setTimeout(() => {
        acksAtKill = acks.length;
        child.kill('SIGKILL');
      }, plan.extraMs);
    };
    const readyTimer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The child did not get ready within ${READY_TIMEOUT_MS} ms: ${stderr}`));
    }, READY_TIMEOUT_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? ''; // an unfinished last line: that ack never fully arrived, so it does not count
      for (const text of lines) {
        if (text === '') continue;
        let line: ChildLine;
        try {
          line = JSON.parse(text) as ChildLine;
        } catch {
          child.kill('SIGKILL');
          reject(new Error(`The child wrote a line that is not JSON: ${text}`));
          return;
        }
        if (line.kind === 'ack') {
          acks.push(line);
          if (plan.afterAcks !== undefined && acks.length >= plan.afterAcks) kill();
        } else if (line.kind === 'conflict') {
          conflicts += 1;
        } else {
          clearTimeout(readyTimer);
          backstop = setTimeout(kill, plan.afterMs ?? 5_000); // for an ack plan: a backstop, should the writers stall
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(readyTimer);
      clearTimeout(backstop);
      if (signal === 'SIGKILL' && killing) resolve({ acks, conflicts, acksAtKill });
      else reject(new Error(`The child ended by itself (code ${code}, signal ${signal}) before it was killed:\n${stderr}`));
    });
  });
}

function readIntents(intentsFile: string): Map<string, IntentLine> {
  const intents = new Map<string, IntentLine>();
  if (!existsSync(intentsFile)) return intents;
  for (const text of readFileSync(intentsFile, 'utf8').split('\n')) {
    if (text === '') continue;
    let intent: IntentLine;
    try {
      intent = JSON.parse(text) as IntentLine;
    } catch {
      continue; // a line cut by the kill: written before its append was even queued, so nothing of it was stored
    }
    intents.set(intent.appendId, intent);
  }
  return intents;
}

interface Verified {
  readonly events: RecordedEvent[];
  readonly appendsWhole: number;
  readonly committedUnacked: number;
}

/** Reopens the database after a kill and lists every broken promise (an empty list is a pass). */
async function verify(
  databaseFile: string,
  intentsFile: string,
  allAcks: readonly AckLine[],
  before: ReadonlyMap<string, RecordedEvent>,
  problems: string[],
): Promise<Verified> {
  const store = new SqliteEventStore(databaseFile);
  const raw = new Database(databaseFile);
  try {
    const integrity = raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check says ${String(integrity)}`);

    const events: RecordedEvent[] = [];
    for await (const batch of store.readAll({ batchSize: 1000 })) events.push(...batch);
    const byId = new Map(events.map((event) => [event.eventId, event]));

    // Global positions: dense and increasing, from 1.
    events.forEach((event, index) => {
      if (event.globalPosition !== index + 1)
        problems.push(`global position ${event.globalPosition} found where ${index + 1} was expected`);
    });
    if ((await store.headPosition()) !== events.length)
      problems.push(`head position ${await store.headPosition()} but ${events.length} events`);

    // Every stream: revisions gap-free from 0, in global order too, and the hash chain verifies.
    const streamIds = [...new Set(events.map((event) => event.streamId))];
    for (const streamId of streamIds) {
      const stream = await store.readStream(streamId);
      const inGlobalOrder = events.filter((event) => event.streamId === streamId);
      const chainBreak = findChainBreak(stream);
      if (chainBreak) problems.push(`chain break in ${streamId} at revision ${chainBreak.streamRevision}: ${chainBreak.problem}`);
      if (stream.map((event) => event.eventId).join() !== inGlobalOrder.map((event) => event.eventId).join()) {
        problems.push(`${streamId}: readStream and the global order disagree`);
      }
    }

    // All or nothing, from the database alone and against the intents: each stored event names its
    // append; every append with one event stored has all of them, consecutive in revision and position.
    const intents = readIntents(intentsFile);
    const touched = new Set<string>();
    for (const event of events) {
      const data = event.data as ProbeData;
      const intent = intents.get(data.appendId);
      if (event.type !== PROBE_EVENT_TYPE || intent === undefined) {
        problems.push(`event ${event.eventId} at ${event.globalPosition} belongs to no attempted append`);
        continue;
      }
      if (intent.eventIds[data.index] !== event.eventId || intent.streamId !== event.streamId) {
        problems.push(`event ${event.eventId} does not match its append ${data.appendId}`);
      }
      touched.add(data.appendId);
    }
    let appendsWhole = 0;
    for (const appendId of touched) {
      const intent = intents.get(appendId)!;
      const stored = intent.eventIds.map((eventId) => byId.get(eventId));
      const present = stored.filter((event): event is RecordedEvent => event !== undefined);
      if (present.length !== stored.length) {
        problems.push(`append ${appendId} is partial: ${present.length} of ${stored.length} events stored`);
        continue;
      }
      const first = present[0];
      present.forEach((event, index) => {
        if (event.streamRevision !== first.streamRevision + index || event.globalPosition !== first.globalPosition + index) {
          problems.push(`append ${appendId} is not contiguous at its event ${index}`);
        }
      });
      appendsWhole += 1;
    }

    // Every acknowledged append, from every round so far: present, where the ack said.
    const acked = new Set<string>();
    for (const ack of allAcks) {
      acked.add(ack.appendId);
      ack.eventIds.forEach((eventId, index) => {
        const event = byId.get(eventId);
        if (event === undefined) problems.push(`acknowledged event ${eventId} (append ${ack.appendId}) is missing`);
        else if (event.streamId !== ack.streamId || event.streamRevision !== ack.firstRevision + index) {
          problems.push(
            `acknowledged event ${eventId} is at ${event.streamId}@${event.streamRevision}, not ${ack.streamId}@${ack.firstRevision + index}`,
          );
        }
      });
      const last = byId.get(ack.eventIds[ack.eventIds.length - 1]);
      if (last && (last.globalPosition !== ack.lastGlobalPosition || last.streamRevision !== ack.lastRevision)) {
        problems.push(
          `append ${ack.appendId} was acknowledged at ${ack.lastRevision}/${ack.lastGlobalPosition}, found at ${last.streamRevision}/${last.globalPosition}`,
        );
      }
    }

    // What an earlier round found (acknowledged or not) is still there, unchanged.
    for (const [eventId, earlier] of before) {
      const now = byId.get(eventId);
      if (now === undefined || now.globalPosition !== earlier.globalPosition || now.hash !== earlier.hash) {
        problems.push(`event ${eventId}, found at ${earlier.globalPosition} by an earlier round, is gone or changed`);
      }
    }
    return { events, appendsWhole, committedUnacked: [...touched].filter((appendId) => !acked.has(appendId)).length };
  } finally {
    raw.close();
    await store.close();
  }
}

describe('SqliteEventStore survives SIGKILL during appends', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-durability-'));
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    `keeps every acknowledged append, whole, across ${ROUNDS} kills of a writer (seed ${SEED})`,
    async () => {
      const random = seededRandom(SEED);
      const databaseFile = join(folder, 'events.db');
      const intentsFile = join(folder, 'intents.jsonl');
      const allAcks: AckLine[] = [];
      let found = new Map<string, RecordedEvent>();
      const summary: string[] = [];

      for (let round = 1; round <= ROUNDS; round += 1) {
        const plan = planKill(random);
        const run = await runChildUntilKilled(databaseFile, intentsFile, Math.floor(random() * 2 ** 31), plan);
        allAcks.push(...run.acks);
        const problems: string[] = [];
        const verified = await verify(databaseFile, intentsFile, allAcks, found, problems);
        expect({ seed: SEED, round, problems }).toEqual({ seed: SEED, round, problems: [] });
        summary.push(
          `round ${round}: kill ${plan.afterAcks !== undefined ? `after ${plan.afterAcks} acks` : `${plan.afterMs} ms after ready`} +${plan.extraMs} ms; ` +
            `${run.acks.length} acks (${run.acksAtKill} at the kill), ${run.conflicts} conflicts; ` +
            `${verified.events.length} events in ${verified.appendsWhole} whole appends, ${verified.committedUnacked} committed but never acknowledged (all rounds so far)`,
        );
        found = new Map(verified.events.map((event) => [event.eventId, event]));
      }
      expect(allAcks.length).toBeGreaterThan(0); // the writers did get through, so the checks had something to check
      console.log(`durability seed ${SEED}\n${summary.join('\n')}`);
    },
    30_000 + ROUNDS * 10_000,
  );
});

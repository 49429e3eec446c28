/**
 * The built service, killed with SIGKILL at random moments while concurrent writers act on it over
 * HTTP (actions on shared cases, new cases, visit findings that open cases, unit mergers), then
 * started again on the same data folder. After every restart, once /health answers:
 *  - every write the service acknowledged is there (lost = 0);
 *  - no command is half-written: every finding that names a case has its case, every merged unit's
 *    absorption is recorded on the continuing unit (half-written = 0);
 * and at the end `ledger verify` (the built CLI) passes on the data folder.
 *
 * `npm test` runs 3 rounds; SOAK=1 (npm run soak) runs 20, CRASH_ROUNDS=<n> any number. Replay a run
 * with CRASH_SEED=<the seed printed with the figures>.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { seededRandom } from '../durability/durability-protocol.js';
import { LedgerProcess, PROJECT_ROOT } from './support/ledger-process.js';

const SOAK = ['1', 'true', 'yes'].includes((process.env.SOAK ?? '').toLowerCase());
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? (SOAK ? 20 : 3));
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** What each writer does, so that every round has each kind of write in flight when the kill lands. */
const WRITER_KINDS = ['merger', 'merger', 'finding', 'finding', 'finding', 'receipt', 'action', 'action'] as const;
const WRITERS = WRITER_KINDS.length;
/** A round ends with the kill: once each kind has been acknowledged at least once, after a random extra wait. */
const MAX_WAIT_FOR_EACH_KIND_MS = 60_000;
const at = '2017-01-01T00:00:00+07:00';

type Acknowledged =
  | { readonly kind: 'action'; readonly caseId: string; readonly eventId: string }
  | { readonly kind: 'receipt'; readonly caseId: string }
  | { readonly kind: 'finding'; readonly visitId: string; readonly findingId: string; readonly caseId: string }
  | { readonly kind: 'unit'; readonly unitId: string }
  | { readonly kind: 'merger'; readonly from: string; readonly into: string };

interface Figures {
  rounds: number;
  acknowledged: number;
  /** Commands whose second event was written after the kill: cut off between their two appends, completed at start-up. */
  completedAtStartUp: number;
  byKind: Record<Acknowledged['kind'], number>;
  interrupted: number;
  lost: string[];
  /** By command (a finding, a merged unit), the first round after which it was found half-written. */
  halfWritten: Map<string, string>;
  restartMs: number[];
}

interface World {
  readonly cases: string[];
  readonly visits: string[];
  readonly mergers: { from: string; into: string }[];
  readonly acknowledged: Acknowledged[];
}

type Json = Record<string, unknown>;

function runVerify(dataDir: string, publicKey: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), 'verify', '--public-key', publicKey], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, LEDGER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('crash rounds: SIGKILL under concurrent writers, then restart', () => {
  let service: LedgerProcess;
  let admin: string;
  let everyone: string;
  const random = seededRandom(SEED);
  const world: World = { cases: [], visits: [], mergers: [], acknowledged: [] };
  const figures: Figures = {
    rounds: 0,
    acknowledged: 0,
    completedAtStartUp: 0,
    byKind: { action: 0, receipt: 0, finding: 0, unit: 0, merger: 0 },
    interrupted: 0,
    lost: [],
    halfWritten: new Map(),
    restartMs: [],
  };
  let unitCounter = 0;

  async function must(method: string, path: string, json: unknown, status: number): Promise<Json> {
    const response = await service.request(method, path, { token: everyone, json });
    if (response.status !== status) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.json() as Json;
  }

  async function seed(): Promise<void> {
    admin = service.token('crash-admin', ['admin', 'inspector']);
    everyone = service.token('crash-clerk', ['admin', 'recorder', 'official', 'inspector', 'standing-committee']);
    await must('POST', '/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }, 201);
    await must(
      'POST',
      '/api/v1/units',
      { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at },
      201,
    );
    await must(
      'POST',
      '/api/v1/officials',
      { officialId: 'o-1', fullName: 'Nguyễn Văn A', position: 'Bí thư', unitId: 'gia-loc', occurredAt: at },
      201,
    );
    for (let index = 0; index < 4; index++) {
      const received = await must(
        'POST',
        '/api/v1/cases',
        { unitId: 'gia-loc', category: 'reflection', channel: 'hotline', summary: `Shared case ${index}` },
        201,
      );
      world.cases.push(received.caseId as string);
    }
    for (let index = 0; index < WRITERS; index++) {
      const visitId = `crash-visit-${index}`;
      await must(
        'POST',
        '/api/v1/visits',
        {
          visitId,
          kind: 'periodic',
          purpose: 'Check',
          unitId: 'gia-loc',
          participants: ['o-1'],
          plannedFor: '2017-03-09T08:00:00+07:00',
          occurredAt: '2017-03-01T08:00:00+07:00',
        },
        201,
      );
      await must(
        'POST',
        `/api/v1/visits/${visitId}/conduct`,
        { startedAt: '2017-03-09T08:00:00+07:00', endedAt: '2017-03-09T11:00:00+07:00', presentParticipants: ['o-1'] },
        200,
      );
      world.visits.push(visitId);
    }
  }

  /** One write chosen at random; resolves with what it acknowledged (nothing when refused or cut off). */
  async function write(writer: number, serial: number): Promise<Acknowledged[]> {
    const kind = WRITER_KINDS[writer];
    const tag = `w${writer}-${serial}-${Math.floor(random() * 1e9)}`;
    if (kind === 'action') {
      const caseId = world.cases[Math.floor(random() * world.cases.length)];
      const response = await service.request('POST', `/api/v1/cases/${caseId}/actions`, {
        token: everyone,
        json: { description: `Action ${tag}` },
      });
      if (response.status !== 200) return [];
      const events = (response.json() as { events: { eventId: string }[] }).events;
      return [{ kind: 'action', caseId, eventId: events[events.length - 1].eventId }];
    }
    if (kind === 'receipt') {
      const response = await service.request('POST', '/api/v1/cases', {
        token: everyone,
        json: { unitId: 'gia-loc', category: 'petition', channel: 'letter', summary: `Petition ${tag}`, reporter: { name: 'Trần Thị B' } },
        headers: { 'idempotency-key': `receipt-${tag}` },
      });
      return response.status === 201 ? [{ kind: 'receipt', caseId: (response.json() as Json).caseId as string }] : [];
    }
    if (kind === 'finding') {
      const visitId = world.visits[writer % world.visits.length];
      const response = await service.request('POST', `/api/v1/visits/${visitId}/findings`, {
        token: everyone,
        json: {
          text: `Finding ${tag}`,
          openCase: { category: 'reflection', summary: `Opened by ${tag}`, reporter: { phone: '0912 000 111' } },
        },
      });
      if (response.status !== 200) return [];
      const body = response.json() as Json;
      return [{ kind: 'finding', visitId, findingId: body.findingId as string, caseId: body.caseId as string }];
    }
    const [from, into] = [`crash-commune-${++unitCounter}`, `crash-commune-${++unitCounter}`];
    const registered: Acknowledged[] = [];
    for (const unitId of [from, into]) {
      const response = await service.request('POST', '/api/v1/units', {
        token: everyone,
        json: { unitId, name: unitId, kind: 'commune', parentId: 'gia-loc', occurredAt: at },
      });
      if (response.status !== 201) return registered;
      registered.push({ kind: 'unit', unitId });
    }
    world.mergers.push({ from, into });
    const merged = await service.request('POST', `/api/v1/units/${from}/mergers`, { token: everyone, json: { intoUnitId: into } });
    return merged.status === 200 ? [...registered, { kind: 'merger', from, into }] : registered;
  }

  /**
   * Writers until the service is killed: once every kind of write has been acknowledged in this round
   * (so each is surely in flight), after a random extra wait. Counts what was cut off; answers when the kill was sent.
   */
  async function roundOfWriting(): Promise<number> {
    let killed = false;
    const acknowledgedKinds = new Set<string>();
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let serial = 0; !killed; serial++) {
        try {
          const acknowledged = await write(writer, serial);
          world.acknowledged.push(...acknowledged);
          if (acknowledged.length > 0) acknowledgedKinds.add(WRITER_KINDS[writer]);
        } catch {
          if (killed) figures.interrupted += 1;
          else throw new Error(`Writer ${writer} failed while the service was up`);
        }
      }
    });
    const everyKind = new Set<string>(WRITER_KINDS);
    for (const deadline = Date.now() + MAX_WAIT_FOR_EACH_KIND_MS; acknowledgedKinds.size < everyKind.size && Date.now() < deadline;)
      await new Promise((next) => setTimeout(next, 20));
    await new Promise((next) => setTimeout(next, Math.floor(random() * (SOAK ? 2000 : 1000))));
    killed = true;
    const killedAt = Date.now();
    await service.kill('SIGKILL');
    await Promise.all(writers);
    return killedAt;
  }

  /**
   * From the audit trail (after `after`): second events written once the killed process was gone, for
   * a first event written before the kill, i.e. completed by the process manager at start-up. Answers the count and the
   * last position read.
   */
  async function completedAfter(killedAt: number, restartedAt: number, after: number): Promise<{ count: number; last: number }> {
    const { projections } = (await service.request('GET', '/api/v1/projections', { token: admin })).json() as {
      projections: { headPosition: number }[];
    };
    const entries: { eventId: string; type: string; recordedAt: string; causationId: string | null; globalPosition: number }[] = [];
    for (let cursor: number | null = after; cursor !== null;) {
      const query = `type=VisitFindingRecorded,UnitMerged,CaseReceived,UnitAbsorbed&after=${cursor}&limit=1000&minPosition=${projections[0].headPosition}`;
      const page = (await service.request('GET', `/api/v1/audit?${query}`, { token: admin })).json() as {
        entries: typeof entries;
        nextAfter: number | null;
      };
      entries.push(...page.entries);
      cursor = page.nextAfter;
    }
    const recordedAt = new Map(entries.map((entry) => [entry.eventId, Date.parse(entry.recordedAt)]));
    const count = entries.filter(
      (entry) =>
        (entry.type === 'CaseReceived' || entry.type === 'UnitAbsorbed') &&
        entry.causationId !== null &&
        Date.parse(entry.recordedAt) >= restartedAt &&
        (recordedAt.get(entry.causationId) ?? Infinity) < killedAt,
    ).length;
    return { count, last: entries.length > 0 ? entries[entries.length - 1].globalPosition : after };
  }

  /** Starts the service again; answers when it was started (the killed process was gone by then). */
  async function restart(): Promise<number> {
    const started = Date.now();
    await service.start();
    figures.restartMs.push(Date.now() - started);
    return started;
  }

  async function get(path: string): Promise<{ status: number; body: Json }> {
    const response = await service.request('GET', path, { token: everyone });
    return { status: response.status, body: response.status === 200 ? (response.json() as Json) : {} };
  }

  /** Over HTTP only, once the service is healthy: every acknowledged write, and no half-written command. */
  async function check(round: number): Promise<void> {
    for (const write of world.acknowledged) {
      const missing = `round ${round}: acknowledged ${JSON.stringify(write)}`;
      if (write.kind === 'action') {
        const found = await get(`/api/v1/cases/${write.caseId}`);
        if (!(found.body.events as { eventId: string }[] | undefined)?.some((event) => event.eventId === write.eventId))
          figures.lost.push(missing);
      } else if (write.kind === 'receipt') {
        if ((await get(`/api/v1/cases/${write.caseId}`)).status !== 200) figures.lost.push(missing);
      } else if (write.kind === 'finding') {
        const visit = await get(`/api/v1/visits/${write.visitId}`);
        const findings = (visit.body.findings ?? []) as { findingId: string; caseId: string | null }[];
        if (!findings.some((finding) => finding.findingId === write.findingId && finding.caseId === write.caseId))
          figures.lost.push(missing);
        if ((await get(`/api/v1/cases/${write.caseId}`)).status !== 200) figures.lost.push(`${missing} (its case)`);
      } else if (write.kind === 'unit') {
        if ((await get(`/api/v1/units/${write.unitId}`)).status !== 200) figures.lost.push(missing);
      } else if ((await get(`/api/v1/units/${write.from}`)).body.status !== 'merged') figures.lost.push(missing);
    }
    for (const visitId of world.visits) {
      const findings = ((await get(`/api/v1/visits/${visitId}`)).body.findings ?? []) as { findingId: string; caseId: string | null }[];
      for (const finding of findings.filter((one) => one.caseId !== null)) {
        const opened = await get(`/api/v1/cases/${finding.caseId}`);
        if ((opened.status !== 200 || opened.body.sourceVisitId !== visitId) && !figures.halfWritten.has(finding.findingId))
          figures.halfWritten.set(
            finding.findingId,
            `after round ${round}: finding ${finding.findingId} of ${visitId} names case ${finding.caseId}, which is ${opened.status}`,
          );
      }
    }
    for (const { from, into } of world.mergers) {
      if ((await get(`/api/v1/units/${from}`)).body.status !== 'merged') continue;
      const continuing = await get(`/api/v1/units/${into}`);
      if (!((continuing.body.absorbedUnitIds ?? []) as string[]).includes(from) && !figures.halfWritten.has(from))
        figures.halfWritten.set(from, `after round ${round}: ${from} is merged into ${into}, whose history does not reach it`);
    }
  }

  beforeAll(async () => {
    service = await LedgerProcess.create();
    await service.start();
    await seed();
  }, 120_000);
  afterAll(async () => {
    await service?.dispose();
  });

  it(
    `keeps every acknowledged write and leaves no half-written command (${ROUNDS} rounds)`,
    async () => {
      let seen = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const killedAt = await roundOfWriting();
        const restartedAt = await restart();
        await check(round);
        const completed = await completedAfter(killedAt, restartedAt, seen);
        figures.completedAtStartUp += completed.count;
        seen = completed.last;
        figures.rounds = round;
      }
      figures.acknowledged = world.acknowledged.length;
      for (const write of world.acknowledged) figures.byKind[write.kind] += 1;

      const signed = await service.request('POST', '/api/v1/integrity/checkpoints', { token: admin });
      expect(signed.status).toBe(201);
      const { verifierKey } = (await service.request('GET', '/api/v1/integrity/public-key', { token: admin })).json() as {
        verifierKey: string;
      };
      await service.kill('SIGKILL');
      const verified = await runVerify(service.dataDir, verifierKey);

      const sorted = [...figures.restartMs].sort((a, b) => a - b);
      console.log(
        [
          `crash rounds (seed ${SEED}): ${figures.rounds} rounds, ${WRITERS} writers`,
          `acknowledged writes: ${figures.acknowledged} (${Object.entries(figures.byKind)
            .map(([kind, count]) => `${kind} ${count}`)
            .join(', ')})`,
          `requests cut off by the kills: ${figures.interrupted}`,
          `commands cut off between their two appends, completed at start-up: ${figures.completedAtStartUp}`,
          `acknowledged writes lost: ${figures.lost.length}`,
          `half-written commands after recovery: ${figures.halfWritten.size}`,
          `restart to healthy: median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms`,
          `ledger verify: exit ${verified.code}; ${verified.stdout.trim().split('\n').slice(-1)[0] ?? ''}`,
        ].join('\n'),
      );
      expect({ seed: SEED, lost: figures.lost, halfWritten: [...figures.halfWritten.values()] }).toEqual({
        seed: SEED,
        lost: [],
        halfWritten: [],
      });
      expect(figures.byKind.finding).toBeGreaterThan(0);
      expect(figures.byKind.merger).toBeGreaterThan(0);
      expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 0, stderr: '' });
    },
    ROUNDS * 90_000 + 60_000,
  );
});

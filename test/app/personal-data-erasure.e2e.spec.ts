import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { Role } from '../../src/auth/principal.js';
import { findChainBreak } from '../../src/ledger/event-hash.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/ledger/event-store.port.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { READ_MODELS } from '../../src/projections/read-models.database.js';
import { rebuildProjection } from '../../src/projections/rebuild.js';
import { runLedgerCli } from '../support/run-ledger-cli.js';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

/** Distinctive personal data, one set per way a case enters the ledger. */
const viaApi = {
  name: 'Phùng Xuân Zyxwvut',
  phone: '0909 111 777',
  email: 'zyxwvut@example.vn',
  address: '17 ngõ Quỳnh Zyxwvut',
  identityNumber: '034199007777',
};
const viaOpen311 = { first_name: 'Lưu', last_name: 'Qwertyuiop', email: 'qwertyuiop@example.vn', phone: '0988 222 444' };
const viaFinding = { name: 'Đặng Asdfghjkl', phone: '0977 333 555', identityNumber: '036188002222' };
const PLAINTEXTS = [
  ...Object.values(viaApi),
  'Lưu Qwertyuiop',
  viaOpen311.last_name,
  viaOpen311.email,
  viaOpen311.phone,
  ...Object.values(viaFinding),
];

describe('personal data: sealed in the ledger, shown by role, reads recorded, erased for good', () => {
  let subject: TestApp;
  let app: INestApplication;
  let dataDir: string;
  let http: Http;
  /** Requests as a user with these roles over every unit, subject user-<roles>. */
  const who = (...roles: Role[]) => subject.as(`user-${roles.join('+') || 'none'}`, roles, 'all');
  let store: EventStore;
  /** Every response body after the erasures, to search for the plaintext. */
  const seenAfterErasure: string[] = [];

  beforeAll(async () => {
    subject = await startTestApp();
    ({ app, dataDir, http } = subject);
    store = app.get<EventStore>(EVENT_STORE);
    const at = '2017-01-01T00:00:00+07:00';
    await http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at })
      .expect(201);
    await http
      .post('/api/v1/officials')
      .send({ officialId: 'nguyen-van-a', fullName: 'Nguyễn Văn A', position: 'Bí thư Huyện ủy', unitId: 'gia-loc', occurredAt: at })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  let apiCase: string;
  let open311Case: string;
  let findingCase: string;

  it('records a case from the API, from Open311 and from a visit finding without any plaintext reaching the data folder', async () => {
    const received = await http
      .post('/api/v1/cases')
      .set('Idempotency-Key', 'pii-api-case')
      .send({
        unitId: 'gia-tan',
        category: 'denunciation',
        channel: 'hotline',
        summary: 'Bribes for land certificates',
        reporter: viaApi,
        occurredAt: '2017-03-01T08:00:00+07:00',
      })
      .expect(201);
    apiCase = received.body.caseId;
    // A retry seals to the same bytes, so the store takes it for the repeat it is.
    const retried = await http
      .post('/api/v1/cases')
      .set('Idempotency-Key', 'pii-api-case')
      .send({
        unitId: 'gia-tan',
        category: 'denunciation',
        channel: 'hotline',
        summary: 'Bribes for land certificates',
        reporter: viaApi,
        occurredAt: '2017-03-01T08:00:00+07:00',
      })
      .expect(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');

    const submitted = await http
      .post('/open311/v2/requests.json')
      .type('form')
      .send({
        jurisdiction_id: 'gia-loc',
        service_code: 'reflection',
        description: 'Smoke from the dye works',
        address_string: 'Thôn Cậy',
        ...viaOpen311,
      })
      .expect(201);
    open311Case = submitted.body[0].service_request_id;

    await http
      .post('/api/v1/visits')
      .send({
        visitId: 'pii-visit',
        kind: 'periodic',
        purpose: 'Land',
        unitId: 'gia-loc',
        participants: ['nguyen-van-a'],
        plannedFor: '2017-03-09T08:00:00+07:00',
        publishedInCalendar: true,
        occurredAt: '2017-03-01T08:00:00+07:00',
      })
      .expect(201);
    await http
      .post('/api/v1/visits/pii-visit/conduct')
      .send({ startedAt: '2017-03-09T08:00:00+07:00', endedAt: '2017-03-09T11:00:00+07:00', presentParticipants: ['nguyen-van-a'] })
      .expect(200);
    const found = await http
      .post('/api/v1/visits/pii-visit/findings')
      .send({
        text: 'A resident reports flooding',
        openCase: { category: 'petition', summary: 'Flooded road', unitId: 'gia-tan', reporter: viaFinding },
      })
      .expect(200);
    findingCase = found.body.caseId;

    for (const caseId of [apiCase, open311Case, findingCase]) {
      const [received] = await store.readStream(`case-${caseId}`);
      expect(received.data.reporter).toMatchObject({ subjectId: `reporter-${caseId}`, alg: 'A256GCM' });
    }
    expect(await plaintextOnDisk()).toEqual([]);
  });

  it('shows the reporter to the roles that need it, a marker to the others, and records every plaintext read', async () => {
    const denunciation = (roles: Role[]) =>
      who(...roles)
        .get(`/api/v1/cases/${apiCase}`)
        .set('X-Correlation-Id', `read-${roles.join('-')}`)
        .expect(200);
    expect((await denunciation(['inspector'])).body.reporter).toEqual({ subjectId: `reporter-${apiCase}`, ...viaApi });
    expect((await denunciation(['standing-committee'])).body.reporter).toEqual({ subjectId: `reporter-${apiCase}`, ...viaApi });
    for (const roles of [['recorder'], ['official']] as Role[][]) {
      const shown = await denunciation(roles);
      expect(shown.body.reporter).toEqual({ redacted: true, reason: 'role', subjectId: `reporter-${apiCase}` });
      for (const plaintext of PLAINTEXTS) expect(shown.text).not.toContain(plaintext);
    }
    // An admin, or a token with no role, may not read cases at all (the permission matrix).
    for (const roles of [['admin'], []] as Role[][]) {
      const refused = await who(...roles)
        .get(`/api/v1/cases/${apiCase}`)
        .expect(403);
      expect(refused.body.code).toBe('AUTH.ROLE_REQUIRED');
    }
    const history = await who('official').get(`/api/v1/cases/${apiCase}/history`).expect(200);
    expect(history.body.steps[0].data.reporter).toEqual({ redacted: true, reason: 'role', subjectId: `reporter-${apiCase}` });
    expect(history.text).not.toContain(viaApi.name);
    const petition = await who('official').get(`/api/v1/cases/${findingCase}/history`).expect(200);
    expect(petition.body.state.reporter).toEqual({ subjectId: `reporter-${findingCase}`, ...viaFinding });
    expect(petition.body.steps[0].data.reporter).toEqual(petition.body.state.reporter);

    expect((await who('recorder').get('/api/v1/personal-data/reads')).status).toBe(403);
    const reads = await who('inspector')
      .get('/api/v1/personal-data/reads')
      .query({ subjectId: `reporter-${apiCase}`, minPosition: await store.headPosition() })
      .expect(200);
    expect(reads.body.reads).toEqual([
      expect.objectContaining({
        subjectId: `reporter-${apiCase}`,
        reader: 'user-inspector',
        roles: ['inspector'],
        route: 'GET /api/v1/cases/:caseId',
        correlationId: 'read-inspector',
        caseId: apiCase,
      }),
      expect.objectContaining({ reader: 'user-standing-committee', correlationId: 'read-standing-committee' }),
    ]);
    const byReader = await who('inspector').get('/api/v1/personal-data/reads').query({ reader: 'user-official' }).expect(200);
    expect(byReader.body.reads).toEqual([
      expect.objectContaining({ subjectId: `reporter-${findingCase}`, route: 'GET /api/v1/cases/:caseId/history' }),
    ]);
  });

  it('erases through the admin endpoint and through `ledger erase-subject`, clearly refusing a second erasure and an unknown subject', async () => {
    expect((await who('inspector').post(`/api/v1/personal-data/subjects/reporter-${apiCase}/erasure`)).status).toBe(403);
    const keys = keysOf(dataDir);
    expect(keys.size).toBe(3);
    const keyOnDisk = (subjectId: string) =>
      filesIn(dataDir).filter((file) => readFileSync(join(dataDir, file)).includes(keys.get(subjectId)!));
    expect(keyOnDisk(`reporter-${apiCase}`)).not.toEqual([]); // the scan finds a live key (in keys.db-wal, until a checkpoint)

    const erased = await who('admin').post(`/api/v1/personal-data/subjects/reporter-${apiCase}/erasure`).expect(201);
    expect(erased.body).toMatchObject({ subjectId: `reporter-${apiCase}`, erasedAt: expect.any(String) });
    await who('admin').post(`/api/v1/personal-data/subjects/reporter-${open311Case}/erasure`).expect(201);
    // Gone from every file while the service still has keys.db open: not in the log, not in a free page.
    expect(keyOnDisk(`reporter-${apiCase}`)).toEqual([]);
    expect(keyOnDisk(`reporter-${open311Case}`)).toEqual([]);
    const again = await who('admin').post(`/api/v1/personal-data/subjects/reporter-${apiCase}/erasure`).expect(409);
    expect(again.body).toMatchObject({ code: 'PERSONAL_DATA.ALREADY_ERASED' });
    expect((await who('admin').post('/api/v1/personal-data/subjects/reporter-nobody/erasure').expect(404)).body.code).toBe(
      'PERSONAL_DATA.UNKNOWN_SUBJECT',
    );

    const cli = await runLedgerCli(['erase-subject', `reporter-${findingCase}`], { LEDGER_DATA_DIR: dataDir });
    expect(cli).toMatchObject({ code: 0, stdout: expect.stringContaining(`Erased reporter-${findingCase}`) });
    expect(await runLedgerCli(['erase-subject', `reporter-${findingCase}`], { LEDGER_DATA_DIR: dataDir })).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('already erased'),
    });

    const [erasure] = await store.readStream(`subject-reporter-${apiCase}`, { direction: 'backwards', maxCount: 1 });
    expect(erasure).toMatchObject({
      type: 'PersonalDataErased',
      data: { subjectId: `reporter-${apiCase}` },
      metadata: { actor: 'user-admin' },
    });
    expect(keysOf(dataDir).size).toBe(0);
    for (const subjectId of keys.keys()) expect(keyOnDisk(subjectId)).toEqual([]);
  }, 180_000);

  it('afterwards shows no plaintext in any response, read model, export or file, and every stream still verifies', async () => {
    const db = app.get<Database.Database>(READ_MODELS);
    for (const projection of ALL_PROJECTIONS) await rebuildProjection(db, store, projection);
    const head = await store.headPosition();
    const everyone = who('recorder', 'official', 'standing-committee', 'inspector', 'admin');
    const get = async (path: string, query: Record<string, string | number> = {}) => {
      const response = await everyone.get(path).query(query);
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
      seenAfterErasure.push(response.text);
      return response;
    };
    for (const caseId of [apiCase, open311Case, findingCase]) {
      expect((await get(`/api/v1/cases/${caseId}`)).body.reporter).toEqual({
        redacted: true,
        reason: 'erased',
        subjectId: `reporter-${caseId}`,
      });
      const history = await get(`/api/v1/cases/${caseId}/history`);
      expect(history.body.steps[0].data.reporter).toEqual({ redacted: true, reason: 'erased', subjectId: `reporter-${caseId}` });
      await get(`/api/v1/timelines/cases/${caseId}`, { minPosition: head });
      await get(`/api/v1/audit`, { caseId, minPosition: head });
    }
    await get(`/open311/v2/requests/${open311Case}.json`);
    await get('/open311/v2/requests.json', { service_request_id: [apiCase, open311Case, findingCase].join(',') });
    await get('/open311/v2/requests.json');
    await get('/api/v1/visits/pii-visit');
    await get('/api/v1/audit', { limit: 10_000, minPosition: head });
    await get('/api/v1/audit.csv', { limit: 10_000 });
    await get('/api/v1/timelines/overdue');
    await get('/api/v1/timelines/aggregates', { groupBy: 'unit' });
    await get('/api/v1/officials/nguyen-van-a/review', { from: '2017-01-01', to: '2017-12-31' });
    await get('/api/v1/evaluations/2017', { unitId: 'gia-loc' });
    await get('/api/v1/evaluations/2017.csv', { unitId: 'gia-loc' });
    await get('/api/v1/personal-data/reads', { limit: 1000 });
    await get('/api/v1/projections');
    // The erasure's marker, not a stale read: the tables the API reads were rebuilt after the erasure.
    expect(seenAfterErasure.join('\n')).toContain('"reason":"erased"');
    for (const plaintext of PLAINTEXTS) expect(seenAfterErasure.filter((body) => body.includes(plaintext))).toEqual([]);

    expect(await plaintextOnDisk()).toEqual([]);
    expect(await plaintextInTables()).toEqual([]);

    const byStream = new Map<string, RecordedEvent[]>();
    for await (const batch of store.readAll())
      for (const event of batch) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    expect([...byStream.keys()]).toEqual(
      expect.arrayContaining([`case-${apiCase}`, `subject-reporter-${apiCase}`, `subject-reporter-${findingCase}`]),
    );
    for (const events of byStream.values()) expect(findChainBreak(events)).toBeUndefined();

    // The full verification (chains, Merkle log, a checkpoint signed after the erasures) passes too.
    await who('inspector').post('/api/v1/integrity/checkpoints').expect(201);
    const report = (await who('inspector').get('/api/v1/integrity/verification').expect(200)).body;
    expect(report).toMatchObject({ ok: true, eventsAfterLatestCheckpoint: 1 }); // the CheckpointSigned event itself
    expect(report.latestCheckpoint.treeSize).toBeGreaterThanOrEqual(head); // signed over every event, erasures included
  }, 60_000);

  /** Every file of the data folder (events, keys, read models, their journals), byte by byte. */
  async function plaintextOnDisk(): Promise<string[]> {
    const hits: string[] = [];
    for (const file of filesIn(dataDir)) {
      const bytes = readFileSync(join(dataDir, file));
      for (const plaintext of PLAINTEXTS) if (bytes.includes(Buffer.from(plaintext, 'utf8'))) hits.push(`${file}: ${plaintext}`);
    }
    return hits;
  }

  /** Every row of every table of every SQLite file in the data folder, as text. */
  async function plaintextInTables(): Promise<string[]> {
    const hits: string[] = [];
    for (const file of readdirSync(dataDir).filter((name) => name.endsWith('.db'))) {
      // The read models through the service's own connection (a second one fails here with "disk I/O error").
      const own = file === 'read-models.db';
      const db = own ? app.get<Database.Database>(READ_MODELS) : new Database(join(dataDir, file), { fileMustExist: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        for (const { name } of tables) {
          const rows = JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all(), (_key, value: unknown) =>
            Buffer.isBuffer(value) ? value.toString('utf8') : value,
          );
          for (const plaintext of PLAINTEXTS) if (rows.includes(plaintext)) hits.push(`${file}/${name}: ${plaintext}`);
        }
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
      } finally {
        if (!own) db.close();
      }
    }
    return hits;
  }
});

function keysOf(dataDir: string): Map<string, Buffer> {
  const db = new Database(join(dataDir, 'keys.db'), { readonly: true });
  try {
    return new Map(
      (db.prepare('SELECT subject_id, key FROM subject_keys').all() as { subject_id: string; key: Buffer }[]).map((row) => [
        row.subject_id,
        row.key,
      ]),
    );
  } finally {
    db.close();
  }
}

/** Every file in the data folder and its sub-folders, as paths relative to it. */
function filesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((path) => statSync(join(folder, path)).isFile());
}

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { openCheckpoint } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { parseVerifierKey } from '../../src/integrity/checkpoint/signed-note.js';
import { verifyConsistency, verifyInclusion } from '../../src/integrity/merkle/merkle-verification.js';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { newEvent } from '../support/new-events.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const fromB64 = (text: string): Buffer => Buffer.from(text, 'base64');

describe('tamper evidence over HTTP: checkpoints, proofs, verification', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let store: EventStore;
  const ids: string[] = [];

  beforeAll(async () => {
    subject = await startTestApp({
      LEDGER_CHECKPOINT_ORIGIN: 'ledger.test/e2e',
      LEDGER_CHECKPOINT_EVERY_EVENTS: '0',
      LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
    });
    http = subject.http;
    store = subject.app.get<EventStore>(EVENT_STORE);
    for (let index = 0; index < 12; index += 1) {
      const event = newEvent('CaseNoted', { index });
      ids.push(event.eventId);
      await store.append(`case-${index % 3}`, [event], 'any');
    }
  });
  afterAll(async () => {
    await subject.close();
  });

  it('generates the signing key into the data folder on first start, readable by its owner only', () => {
    const file = join(subject.dataDir, 'checkpoint-signing-key.pem');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(join(subject.dataDir, 'integrity.db'))).toBe(true);
  });

  it('has no checkpoint before one is made', async () => {
    const response = await http.get('/api/v1/integrity/checkpoint').expect(404);
    expect(response.body.code).toBe('INTEGRITY.NO_CHECKPOINT');
  });

  it('signs checkpoints on demand, records each in the ledger, proves inclusion and consistency against them', async () => {
    const key = parseVerifierKey((await http.get('/api/v1/integrity/public-key').expect(200)).body.verifierKey);
    expect(key.name).toBe('ledger.test/e2e');

    const first = (await http.post('/api/v1/integrity/checkpoints').expect(201)).body;
    expect(first).toMatchObject({ origin: 'ledger.test/e2e', treeSize: 12, verifierKey: key.text });
    expect(first.note).toMatch(/^ledger\.test\/e2e\n12\n[A-Za-z0-9+/]{43}=\n\n\u2014 ledger\.test\/e2e [A-Za-z0-9+/]+=*\n$/u);
    const firstCheckpoint = openCheckpoint(first.note, key);
    expect(firstCheckpoint.rootHash.toString('base64')).toBe(first.rootHash);
    expect((await http.get('/api/v1/integrity/checkpoint').expect(200)).body).toEqual(first);

    const recorded = await store.readStream('integrity-checkpoints');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      type: 'CheckpointSigned',
      globalPosition: 13,
      data: { origin: 'ledger.test/e2e', treeSize: 12, rootHash: first.rootHash, note: first.note },
    });

    const proof = (await http.get(`/api/v1/integrity/proofs/inclusion?eventId=${ids[4]}`).expect(200)).body;
    expect(proof).toMatchObject({ eventId: ids[4], globalPosition: 5, leafIndex: 4, treeSize: 12, checkpoint: first.note });
    expect(verifyInclusion(4, 12, fromB64(proof.leafHash), proof.auditPath.map(fromB64), firstCheckpoint.rootHash)).toBe(true);

    for (let index = 0; index < 5; index += 1) await store.append('case-late', [newEvent('CaseNoted', { index })], 'any');
    const second = (await http.post('/api/v1/integrity/checkpoints').expect(201)).body;
    expect(second.treeSize).toBe(18); // 12 events, the first checkpoint's own event, 5 more
    const secondCheckpoint = openCheckpoint(second.note, key);

    const consistency = (await http.get('/api/v1/integrity/proofs/consistency?from=12&to=18').expect(200)).body;
    expect(consistency).toMatchObject({ fromSize: 12, toSize: 18, fromCheckpoint: first.note, toCheckpoint: second.note });
    expect(verifyConsistency(12, 18, firstCheckpoint.rootHash, secondCheckpoint.rootHash, consistency.consistencyPath.map(fromB64))).toBe(
      true,
    );

    const again = (await http.post('/api/v1/integrity/checkpoints').expect(201)).body;
    expect(again.treeSize).toBe(18); // only its own CheckpointSigned event arrived since: nothing new to sign

    const report = (await http.get('/api/v1/integrity/verification').expect(200)).body;
    expect(report).toMatchObject({ ok: true, eventsChecked: 19, firstProblem: null, latestCheckpoint: { treeSize: 18 } });
  });

  it.each([
    ['/api/v1/integrity/proofs/inclusion?eventId=not-a-uuid', 400, 'VALIDATION.FAILED'],
    ['/api/v1/integrity/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000', 404, 'INTEGRITY.EVENT_NOT_LOGGED'],
    ['/api/v1/integrity/proofs/consistency?from=5', 400, 'VALIDATION.FAILED'],
    ['/api/v1/integrity/proofs/consistency?from=9&to=3', 422, 'INTEGRITY.TREE_SIZE_OUT_OF_RANGE'],
    ['/api/v1/integrity/proofs/consistency?from=1&to=99999', 422, 'INTEGRITY.TREE_SIZE_OUT_OF_RANGE'],
    ['/api/v1/integrity/proofs/consistency?from=-1&to=3', 400, 'VALIDATION.FAILED'],
  ])('refuses %s with %i %s', async (url, status, code) => {
    const response = await http.get(url).expect(status);
    expect(response.body.code).toBe(code);
  });

  it('refuses an inclusion proof in a tree that does not contain the event yet, or beyond the log', async () => {
    const late = (await http.get(`/api/v1/integrity/proofs/inclusion?eventId=${ids[11]}&treeSize=5`).expect(422)).body;
    expect(late).toMatchObject({
      code: 'INTEGRITY.TREE_SIZE_OUT_OF_RANGE',
      detail: `Event ${ids[11]} is leaf 11, so it is not in the tree of 5 leaves.`,
    });
    const beyond = (await http.get(`/api/v1/integrity/proofs/inclusion?eventId=${ids[0]}&treeSize=1000`).expect(422)).body;
    expect(beyond.detail).toMatch(/^treeSize 1000 is beyond the log, which has \d+ leaves\.$/);
  });
});

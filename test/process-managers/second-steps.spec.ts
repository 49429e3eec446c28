import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { JsonObject, NewEvent, RecordedEvent } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { mergerAbsorption } from '../../src/organisation/merger-absorption.js';
import { ALL_SECOND_STEPS } from '../../src/process-managers/all-second-steps.js';
import { pendingSecondSteps } from '../../src/process-managers/pending-second-steps.projection.js';
import { SecondStepProcessManager } from '../../src/process-managers/second-step-process-manager.js';
import { ProjectionEngine } from '../../src/projections/projection-engine.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import { findingConcernsCase } from '../../src/visits/finding-concerns-case.js';
import { findingOpensCase } from '../../src/visits/finding-opens-case.js';

const metadata = { actor: 'recorder-1', correlationId: 'corr-finding', causationId: null, occurredAt: '2017-03-09T18:00:00+07:00' };
const event = (eventId: string, type: string, data: JsonObject): NewEvent => ({ eventId, type, schemaVersion: 1, data, metadata });
const receipt = (caseId: string): JsonObject => ({
  caseId,
  unitId: 'gia-tan',
  category: 'reflection',
  channel: 'visit',
  summary: 'Households were not told before the land was recovered',
  reporter: null,
  sourceVisitId: 'v1',
  referredFromUnitId: null,
});
const finding = (eventId: string, caseId: string | null): NewEvent =>
  event(eventId, 'VisitFindingRecorded', {
    findingId: `f-${eventId}`,
    text: 'Land recovered without notice',
    severity: 'high',
    caseId,
    caseReceipt: caseId === null ? null : receipt(caseId),
  });

describe('the second steps of two-stream commands', () => {
  let folder: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-second-steps-'));
    store = new SqliteEventStore(join(folder, 'events.db'), { externalChangePollMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const append = async (streamId: string, newEvent: NewEvent): Promise<RecordedEvent> =>
    (await store.append(streamId, [newEvent], 'any')).events[0];

  describe('a finding that opens a case', () => {
    it("records the finding's receipt as the case's first event, caused by the finding, once however often written", async () => {
      const first = await append('visit-v1', finding('00000000-0000-4000-8000-000000000001', 'case-1'));
      const [written, again, racing] = await Promise.all([
        findingOpensCase.write(store, first),
        findingOpensCase.write(store, first),
        findingOpensCase.write(store, first),
      ]);
      expect(written).toMatchObject({
        streamId: 'case-case-1',
        streamRevision: 0,
        type: 'CaseReceived',
        data: receipt('case-1'),
        metadata: { actor: 'recorder-1', correlationId: 'corr-finding', causationId: first.eventId, occurredAt: metadata.occurredAt },
      });
      expect([again.eventId, racing.eventId]).toEqual([written.eventId, written.eventId]);
      expect(await store.readStream('case-case-1')).toHaveLength(1);
      expect(await findingOpensCase.write(store, first)).toMatchObject({
        eventId: written.eventId,
        globalPosition: written.globalPosition,
      });
    });

    it('calls for the case it opens, and the CaseReceived settles it; a finding without a case calls for nothing', async () => {
      const first = await append('visit-v1', finding('00000000-0000-4000-8000-000000000002', 'case-2'));
      const alone = await append('visit-v1', finding('00000000-0000-4000-8000-000000000003', null));
      const received = await findingOpensCase.write(store, first);
      expect(findingOpensCase.calledFor(first)).toBe('case-received:case-2');
      expect(findingOpensCase.settles(received)).toBe('case-received:case-2');
      expect(findingOpensCase.calledFor(alone)).toBeNull();
      expect(findingOpensCase.calledFor(received)).toBeNull();
    });
  });

  describe('a finding about an existing case', () => {
    const about = (eventId: string, caseId: string): NewEvent =>
      event(eventId, 'VisitFindingRecorded', {
        findingId: 'f-about',
        text: 'The wall is still unbuilt',
        severity: 'medium',
        caseId,
        caseReceipt: null,
      });

    it("links the finding into the case's history, caused by the finding, once however often written", async () => {
      await append('case-case-7', event('00000000-0000-4000-8000-000000000070', 'CaseReceived', receipt('case-7')));
      const first = await append('visit-v7', about('00000000-0000-4000-8000-000000000071', 'case-7'));
      const [written, again] = await Promise.all([findingConcernsCase.write(store, first), findingConcernsCase.write(store, first)]);
      expect(written).toMatchObject({
        streamId: 'case-case-7',
        streamRevision: 1,
        type: 'CaseFindingLinked',
        data: { visitId: 'v7', findingId: 'f-about', findingEventId: first.eventId, text: 'The wall is still unbuilt', severity: 'medium' },
        metadata: { causationId: first.eventId, occurredAt: metadata.occurredAt },
      });
      expect(again.eventId).toBe(written.eventId);
      expect(await store.readStream('case-case-7')).toHaveLength(2);
      expect(findingConcernsCase.calledFor(first)).toBe('case-finding-linked:v7:f-about');
      expect(findingConcernsCase.settles(written)).toBe('case-finding-linked:v7:f-about');
    });

    it('is not called for by a finding that opens a case or names none, nor the other way round', async () => {
      const opening = await append('visit-v1', finding('00000000-0000-4000-8000-000000000072', 'case-72'));
      const alone = await append('visit-v1', finding('00000000-0000-4000-8000-000000000073', null));
      const linking = await append('visit-v1', about('00000000-0000-4000-8000-000000000074', 'case-7'));
      expect([findingConcernsCase.calledFor(opening), findingConcernsCase.calledFor(alone)]).toEqual([null, null]);
      expect(findingOpensCase.calledFor(linking)).toBeNull();
    });
  });

  describe('a merger', () => {
    it('records UnitAbsorbed on the continuing unit, caused by the merger, once however often written', async () => {
      await append('unit-commune-b', event('00000000-0000-4000-8000-0000000000b0', 'UnitRegistered', { unitId: 'commune-b' }));
      const merged = await append(
        'unit-commune-a',
        event('00000000-0000-4000-8000-0000000000a1', 'UnitMerged', { intoUnitId: 'commune-b' }),
      );
      const written = await Promise.all([mergerAbsorption.write(store, merged), mergerAbsorption.write(store, merged)]);
      expect(written[0]).toMatchObject({ streamId: 'unit-commune-b', type: 'UnitAbsorbed', data: { fromUnitId: 'commune-a' } });
      expect(written[0].metadata.causationId).toBe(merged.eventId);
      expect(written[1].eventId).toBe(written[0].eventId);
      expect((await store.readStream('unit-commune-b')).map((recorded) => recorded.type)).toEqual(['UnitRegistered', 'UnitAbsorbed']);
      expect(mergerAbsorption.calledFor(merged)).toBe('unit-absorbed:commune-b:commune-a');
      expect(mergerAbsorption.settles(written[0])).toBe('unit-absorbed:commune-b:commune-a');
    });

    it('takes an absorption recorded before ids were derived as the one, writing nothing', async () => {
      const earlier = await append(
        'unit-commune-d',
        event('00000000-0000-4000-8000-0000000000d1', 'UnitAbsorbed', { fromUnitId: 'commune-c' }),
      );
      const merged = await append(
        'unit-commune-c',
        event('00000000-0000-4000-8000-0000000000c1', 'UnitMerged', { intoUnitId: 'commune-d' }),
      );
      expect((await mergerAbsorption.write(store, merged)).eventId).toBe(earlier.eventId);
      expect(await store.readStream('unit-commune-d')).toHaveLength(1);
    });
  });

  describe('the process manager', () => {
    let db: Database.Database;
    let engine: ProjectionEngine;
    let manager: SecondStepProcessManager;

    beforeEach(() => {
      db = openReadModels(join(folder, 'read-models.db'));
      engine = new ProjectionEngine(db, store, [pendingSecondSteps], { swapCheckMs: 50 });
      manager = new SecondStepProcessManager(db, store, engine, pendingSecondSteps, ALL_SECOND_STEPS, { idleMs: 50, retryAfterMs: 50 });
    });
    afterEach(async () => {
      await manager.stop();
      engine.stop();
      db.close();
    });

    it('completes at start-up every command the ledger holds half-written, and only those', async () => {
      const halfFinding = await append('visit-v1', finding('00000000-0000-4000-8000-000000000011', 'case-11'));
      const wholeFinding = await append('visit-v1', finding('00000000-0000-4000-8000-000000000012', 'case-12'));
      await findingOpensCase.write(store, wholeFinding);
      await append('unit-commune-b', event('00000000-0000-4000-8000-0000000000b1', 'UnitRegistered', { unitId: 'commune-b' }));
      const halfMerger = await append(
        'unit-commune-a',
        event('00000000-0000-4000-8000-0000000000a2', 'UnitMerged', { intoUnitId: 'commune-b' }),
      );
      const head = await store.headPosition();

      engine.start();
      expect(await manager.catchUp(5000)).toBe(true);

      expect(await store.headPosition()).toBe(head + 2);
      expect((await store.readStream('case-case-11'))[0].metadata.causationId).toBe(halfFinding.eventId);
      expect(await store.readStream('case-case-12')).toHaveLength(1);
      expect((await store.readStream('unit-commune-b')).at(-1)).toMatchObject({
        type: 'UnitAbsorbed',
        metadata: { causationId: halfMerger.eventId },
      });
      expect(await engine.waitFor(pendingSecondSteps.name, head + 2, 2000)).toBe(true);
      expect(manager.status()).toEqual({ pending: [], lastError: null });
    });

    it('completes live a command cut off after its first event', async () => {
      engine.start();
      expect(await manager.catchUp(5000)).toBe(true);
      manager.start();
      const cut = await append('visit-v1', finding('00000000-0000-4000-8000-000000000021', 'case-21'));
      const deadline = Date.now() + 5000;
      while ((await store.readStream('case-case-21')).length === 0) {
        if (Date.now() > deadline) throw new Error('the case was not received');
        await new Promise((next) => setTimeout(next, 20));
      }
      expect((await store.readStream('case-case-21'))[0].metadata.causationId).toBe(cut.eventId);
    });

    it('keeps a command it cannot complete pending, says why, and completes it once it can', async () => {
      const cut = await append('visit-v2', finding('00000000-0000-4000-8000-000000000031', 'case-31'));
      const write = store.append.bind(store);
      let refusing = true;
      store.append = (streamId, events, expected) =>
        refusing && streamId === 'case-case-31' ? Promise.reject(new Error('disk full')) : write(streamId, events, expected);
      engine.start();
      await manager.catchUp(5000);
      expect(manager.status()).toEqual({
        pending: [expect.objectContaining({ key: 'case-received:case-31', step: 'finding-opens-case', eventId: cut.eventId })],
        lastError: expect.stringContaining('disk full'),
      });
      refusing = false;
      expect(await manager.completePending({ retryEarlierAttempts: true })).toBe(1);
      expect(await store.readStream('case-case-31')).toHaveLength(1);
    });
  });
});

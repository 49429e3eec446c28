import type { JsonObject } from '../ledger/event-store.port.js';
import { createRecordedDutiesTable, recordedDutiesWriter } from '../policies/recorded-duties.js';
import { MONTHLY_DUTY_STREAM_PREFIX } from '../policies/monthly-duty.events.js';
import { createRecordedRulesTable, recordedRulesWriter } from '../policies/recorded-rules.js';
import type { Projection } from '../projections/projection.js';
import { unitIdOfStream } from '../organisation/unit.events.js';

export type CaseTimelinesTable = 'facts' | 'cases' | 'rules' | 'duties' | 'remote_areas';

/**
 * What the response timelines need, kept raw so deadlines are judged at query time with the rules in
 * force then (a rule recorded after a case still judges it, and a correction changes the verdict); the
 * query folds each case's facts with the one fold of a case's history (cases/case-facts.ts):
 *
 * - facts: every event of every case stream, in stream order, with both times and its event id;
 * - cases: one row per case for selecting cases: received unit and time, and the category with its
 *   corrections (the query reads the corrected category again from the fold);
 * - rules: response policy rules recorded as events (policy-<ruleId> streams), with their retirement,
 *   as policies/recorded-rules.ts keeps them: the rule book's recorded half;
 * - duties: the monthly duties of members in charge recorded as events (duty-<dutyId> streams), with
 *   their retirement, as policies/recorded-duties.ts keeps them: the recorded half of the duties;
 * - remote_areas: each unit's designations as a remote area and their liftings (UnitRemoteAreaSet),
 *   which give a case received there the rules' remote-area limits.
 */
export const caseTimelinesProjection: Projection<CaseTimelinesTable> = {
  name: 'case-timelines',
  // 3: the current unit and assignee are no longer kept per case (the fold says where the case is).
  // 4: the units' remote-area designations.
  // 5: the recorded monthly duties.
  version: 5,
  tables: ['facts', 'cases', 'rules', 'duties', 'remote_areas'],

  schema(db, tables) {
    db.exec(`
      CREATE TABLE "${tables.facts}" (
        global_position INTEGER PRIMARY KEY,
        case_id         TEXT    NOT NULL,
        stream_revision INTEGER NOT NULL,
        event_id        TEXT    NOT NULL,
        type            TEXT    NOT NULL,
        occurred_at     TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        data            TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX "${tables.facts}_by_case" ON "${tables.facts}" (case_id, stream_revision);
      CREATE TABLE "${tables.cases}" (
        case_id           TEXT    PRIMARY KEY,
        received_event_id TEXT    NOT NULL,
        category          TEXT    NOT NULL,
        received_unit_id  TEXT    NOT NULL,
        received_at       TEXT    NOT NULL,
        received_at_ms    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX "${tables.cases}_by_received_at" ON "${tables.cases}" (received_at_ms);
      CREATE TABLE "${tables.remote_areas}" (
        global_position INTEGER PRIMARY KEY,
        unit_id         TEXT    NOT NULL,
        event_id        TEXT    NOT NULL,
        remote          INTEGER NOT NULL,
        effective_on    TEXT    NOT NULL,
        legal_basis     TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX "${tables.remote_areas}_by_unit" ON "${tables.remote_areas}" (unit_id, global_position);
    `);
    createRecordedRulesTable(db, tables.rules);
    createRecordedDutiesTable(db, tables.duties);
  },

  applier(db, tables) {
    const insertFact = db.prepare(`INSERT INTO "${tables.facts}" VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertCase = db.prepare(`INSERT OR REPLACE INTO "${tables.cases}" VALUES (?, ?, ?, ?, ?, ?)`);
    const recategorise = db.prepare(`UPDATE "${tables.cases}" SET category = ? WHERE case_id = ? AND received_event_id = ?`);
    const applyPolicyEvent = recordedRulesWriter(db, tables.rules);
    const applyDutyEvent = recordedDutiesWriter(db, tables.duties);
    const insertRemoteArea = db.prepare(`INSERT INTO "${tables.remote_areas}" VALUES (?, ?, ?, ?, ?, ?)`);

    return (event) => {
      if (event.streamId.startsWith('policy-')) {
        applyPolicyEvent(event);
        return;
      }
      if (event.streamId.startsWith(MONTHLY_DUTY_STREAM_PREFIX)) {
        applyDutyEvent(event);
        return;
      }
      const unitId = unitIdOfStream(event.streamId);
      if (unitId !== null) {
        // Only the flag and its day change a limit; a correction (of the legal basis only) changes none.
        if (event.type === 'UnitRemoteAreaSet') {
          const { data } = event;
          insertRemoteArea.run(
            event.globalPosition,
            unitId,
            event.eventId,
            data.remote === true ? 1 : 0,
            text(data, 'effectiveOn') ?? '',
            text(data, 'legalBasis') ?? '',
          );
        }
        return;
      }
      if (!event.streamId.startsWith('case-')) return;
      const id = event.streamId.slice('case-'.length);
      const { data } = event;
      insertFact.run(
        event.globalPosition,
        id,
        event.streamRevision,
        event.eventId,
        event.type,
        event.metadata.occurredAt,
        event.recordedAt,
        JSON.stringify(withoutReporter(event.type, data)),
      );
      // The selection index: a case by its receipt, and by its category once corrected (a correction of
      // the CaseReceived: the WHERE checks that it names that event).
      if (event.type === 'CaseReceived') {
        const unitId = text(data, 'unitId') ?? '';
        insertCase.run(
          id,
          event.eventId,
          text(data, 'category') ?? '',
          unitId,
          event.metadata.occurredAt,
          Date.parse(event.metadata.occurredAt),
        );
      } else if (event.type === 'EventCorrected') {
        const fields = data.fields as JsonObject | undefined;
        const corrected = fields && typeof fields.category === 'string' ? fields.category : undefined;
        if (corrected) recategorise.run(corrected, id, text(data, 'correctedEventId'));
      }
    };
  },
};

function text(data: JsonObject, field: string): string | undefined {
  const value = data[field];
  return typeof value === 'string' ? value : undefined;
}

/** A timeline never shows who reported: the CaseReceived fact is kept without its reporter. */
function withoutReporter(type: string, data: JsonObject): JsonObject {
  if (type !== 'CaseReceived') return data;
  const { reporter: _reporter, ...rest } = data;
  return rest;
}

import type { JsonObject, RecordedEvent } from '../ledger/event-store.port.js';
import type { Projection } from '../projections/projection.js';

export type CaseTimelinesTable = 'facts' | 'cases' | 'rules';

/**
 * What the response timelines need, kept raw so deadlines are judged at query time with the rules in
 * force then (a rule recorded after a case still judges it, and a correction changes the verdict):
 *
 * - facts: every event of every case stream, in stream order, with both times and its event id;
 * - cases: one row per case for selecting cases (received unit and time; category with corrections
 *   applied; current unit and assignee, for display);
 * - rules: response policy rules recorded as events (policy-<ruleId> streams), with their retirement.
 */
export const caseTimelinesProjection: Projection<CaseTimelinesTable> = {
  name: 'case-timelines',
  // 2: the reporter (personal data, even sealed) is no longer copied into the facts.
  version: 2,
  tables: ['facts', 'cases', 'rules'],

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
        case_id              TEXT    PRIMARY KEY,
        received_event_id    TEXT    NOT NULL,
        category             TEXT    NOT NULL,
        received_unit_id     TEXT    NOT NULL,
        current_unit_id      TEXT    NOT NULL,
        assignee_official_id TEXT,
        assignee_unit_id     TEXT,
        received_at          TEXT    NOT NULL,
        received_at_ms       INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX "${tables.cases}_by_received_at" ON "${tables.cases}" (received_at_ms);
      CREATE TABLE "${tables.rules}" (
        rule_id              TEXT PRIMARY KEY,
        rule                 TEXT NOT NULL,
        recorded_event_id    TEXT NOT NULL,
        retired_effective_to TEXT,
        retired_event_id     TEXT
      ) STRICT;
    `);
  },

  applier(db, tables) {
    const insertFact = db.prepare(`INSERT INTO "${tables.facts}" VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertCase = db.prepare(`INSERT OR REPLACE INTO "${tables.cases}" VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)`);
    const assign = db.prepare(`UPDATE "${tables.cases}" SET assignee_official_id = ?, assignee_unit_id = ? WHERE case_id = ?`);
    const escalate = db.prepare(
      `UPDATE "${tables.cases}" SET current_unit_id = ?, assignee_official_id = NULL, assignee_unit_id = NULL WHERE case_id = ?`,
    );
    const unassign = db.prepare(`UPDATE "${tables.cases}" SET assignee_official_id = NULL, assignee_unit_id = NULL WHERE case_id = ?`);
    const recategorise = db.prepare(`UPDATE "${tables.cases}" SET category = ? WHERE case_id = ? AND received_event_id = ?`);
    const recordRule = db.prepare(`INSERT OR REPLACE INTO "${tables.rules}" VALUES (?, ?, ?, NULL, NULL)`);
    const retireRule = db.prepare(`UPDATE "${tables.rules}" SET retired_effective_to = ?, retired_event_id = ? WHERE rule_id = ?`);

    return (event) => {
      const dash = event.streamId.indexOf('-');
      if (dash < 0) return;
      const category = event.streamId.slice(0, dash);
      const id = event.streamId.slice(dash + 1);
      if (category === 'policy') {
        applyPolicyEvent(event, id);
        return;
      }
      if (category !== 'case') return;
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
      switch (event.type) {
        case 'CaseReceived':
          insertCase.run(
            id,
            event.eventId,
            text(data, 'category') ?? '',
            text(data, 'unitId') ?? '',
            text(data, 'unitId') ?? '',
            event.metadata.occurredAt,
            Date.parse(event.metadata.occurredAt),
          );
          break;
        case 'CaseAssigned':
          assign.run(text(data, 'officialId') ?? null, text(data, 'unitId') ?? null, id);
          break;
        case 'CaseEscalated':
          if (text(data, 'toUnitId')) escalate.run(text(data, 'toUnitId'), id);
          break;
        case 'CaseReopened':
          unassign.run(id);
          break;
        case 'EventCorrected': {
          // Only a correction of the case's CaseReceived can carry a category: the WHERE checks which event it names.
          const fields = data.fields as JsonObject | undefined;
          const corrected = fields && typeof fields.category === 'string' ? fields.category : undefined;
          if (corrected) recategorise.run(corrected, id, text(data, 'correctedEventId'));
          break;
        }
        default:
          break; // the other case events are only kept as facts
      }
    };

    function applyPolicyEvent(event: RecordedEvent, ruleId: string): void {
      if (event.type === 'ResponsePolicyRuleRecorded') recordRule.run(ruleId, JSON.stringify(event.data), event.eventId);
      else if (event.type === 'ResponsePolicyRuleRetired') retireRule.run(text(event.data, 'effectiveTo') ?? null, event.eventId, ruleId);
    }
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

import { caseHistoryOf } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import { EVENT_CORRECTED } from '../domain-kit/corrections.js';
import type { Fact } from '../domain-kit/decider.js';
import type { JsonObject } from '../ledger/event-store.port.js';
import type { Projection } from '../projections/projection.js';

export type ServiceRequestsTable = 'receipts' | 'requests';

interface ReceiptRow {
  event_id: string;
  type: string;
  occurred_at: string;
  data: string;
}

/**
 * Which cases exist, with their category and receipt time, for the filters of Open311's GET
 * requests.json, kept by the projection engine like every read model:
 *
 * - receipts: each case's CaseReceived (without its reporter) and the corrections of it, the facts
 *   its category and receipt time are folded from;
 * - requests: one row per case, as the one fold of a case's history (cases/case-facts.ts) reads those
 *   facts, so a corrected category is the category filtered on; in the order the cases were received.
 */
export const serviceRequestsProjection: Projection<ServiceRequestsTable> = {
  name: 'open311-service-requests',
  version: 1,
  tables: ['receipts', 'requests'],

  schema(db, tables) {
    db.exec(`
      CREATE TABLE "${tables.receipts}" (
        global_position INTEGER PRIMARY KEY,
        case_id         TEXT    NOT NULL,
        event_id        TEXT    NOT NULL,
        type            TEXT    NOT NULL,
        occurred_at     TEXT    NOT NULL,
        data            TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX "${tables.receipts}_by_case" ON "${tables.receipts}" (case_id, global_position);
      CREATE TABLE "${tables.requests}" (
        case_id           TEXT    PRIMARY KEY,
        service_code      TEXT    NOT NULL,
        requested_at_ms   INTEGER NOT NULL,
        received_position INTEGER NOT NULL UNIQUE
      ) STRICT;
    `);
  },

  applier(db, tables) {
    const insertReceipt = db.prepare(`INSERT INTO "${tables.receipts}" VALUES (?, ?, ?, ?, ?, ?)`);
    const receiptOf = db.prepare<[string], { event_id: string; global_position: number }>(
      `SELECT event_id, global_position FROM "${tables.receipts}" WHERE case_id = ? AND type = 'CaseReceived'`,
    );
    const receiptsOf = db.prepare<[string], ReceiptRow>(
      `SELECT event_id, type, occurred_at, data FROM "${tables.receipts}" WHERE case_id = ? ORDER BY global_position`,
    );
    const upsertRequest = db.prepare(`INSERT OR REPLACE INTO "${tables.requests}" VALUES (?, ?, ?, ?)`);

    return (event) => {
      if (!event.streamId.startsWith('case-')) return;
      const caseId = event.streamId.slice('case-'.length);
      if (event.type !== 'CaseReceived' && event.type !== EVENT_CORRECTED) return;
      const receipt = receiptOf.get(caseId);
      // Only the first receipt counts (the decider refuses another), and only corrections of it.
      const relevant = receipt === undefined ? event.type === 'CaseReceived' : event.data.correctedEventId === receipt.event_id;
      if (!relevant) return;
      insertReceipt.run(
        event.globalPosition,
        caseId,
        event.eventId,
        event.type,
        event.metadata.occurredAt,
        JSON.stringify(withoutReporter(event.data)),
      );
      const history = caseHistoryOf(receiptsOf.all(caseId).map(factOf));
      if (!history) return;
      const receivedPosition = receipt?.global_position ?? event.globalPosition;
      upsertRequest.run(caseId, history.case.category, Date.parse(history.case.receivedAt), receivedPosition);
    };
  },
};

function factOf(row: ReceiptRow): Fact<CaseEvent> {
  return {
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    eventId: row.event_id,
    occurredAt: row.occurred_at,
  } as Fact<CaseEvent>;
}

/** The index never holds who reported. */
function withoutReporter(data: JsonObject): JsonObject {
  const { reporter: _reporter, ...rest } = data;
  return rest;
}

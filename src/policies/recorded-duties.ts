import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import type { RecordedMonthlyDuty } from './monthly-duty.decider.js';
import { MONTHLY_DUTY_STREAM_PREFIX } from './monthly-duty.events.js';

/*
 * The recorded monthly duties as a read model keeps them: one row per duty-<dutyId> stream, the duty as
 * recorded and its retirement. A sibling of the recorded rules' table in the same host projection, so
 * the rule book reads both halves in one snapshot; written and read only here.
 */

/** A recorded duty with its retirement and the events behind it. */
export interface RecordedDutyVersion {
  readonly duty: RecordedMonthlyDuty;
  readonly retirement: { readonly effectiveTo: string } | null;
  readonly eventIds: readonly string[];
}

interface DutyRow {
  duty: string;
  recorded_event_id: string;
  retired_effective_to: string | null;
  retired_event_id: string | null;
}

export function createRecordedDutiesTable(db: Database.Database, table: string): void {
  db.exec(`
    CREATE TABLE "${table}" (
      duty_id              TEXT PRIMARY KEY,
      duty                 TEXT NOT NULL,
      recorded_event_id    TEXT NOT NULL,
      retired_effective_to TEXT,
      retired_event_id     TEXT
    ) STRICT;
  `);
}

/** Applies the events of duty streams to the table; every other event is ignored. */
export function recordedDutiesWriter(db: Database.Database, table: string): (event: RecordedEvent) => void {
  const record = db.prepare(`INSERT OR REPLACE INTO "${table}" VALUES (?, ?, ?, NULL, NULL)`);
  const retire = db.prepare(`UPDATE "${table}" SET retired_effective_to = ?, retired_event_id = ? WHERE duty_id = ?`);
  return (event) => {
    if (!event.streamId.startsWith(MONTHLY_DUTY_STREAM_PREFIX)) return;
    const dutyId = event.streamId.slice(MONTHLY_DUTY_STREAM_PREFIX.length);
    if (event.type === 'MonthlyDutyRecorded') record.run(dutyId, JSON.stringify(event.data), event.eventId);
    else if (event.type === 'MonthlyDutyRetired') {
      const effectiveTo = event.data.effectiveTo;
      retire.run(typeof effectiveTo === 'string' ? effectiveTo : null, event.eventId, dutyId);
    }
  };
}

/** Every recorded duty with its retirement and the events behind it, in duty id order. */
export function readRecordedDuties(prepare: (sql: string) => Database.Statement, table: string): RecordedDutyVersion[] {
  const rows = prepare(
    `SELECT duty, recorded_event_id, retired_effective_to, retired_event_id FROM "${table}" ORDER BY duty_id`,
  ).all() as DutyRow[];
  return rows.map((row) => ({
    duty: JSON.parse(row.duty) as RecordedMonthlyDuty,
    retirement: row.retired_effective_to === null ? null : { effectiveTo: row.retired_effective_to },
    eventIds: row.retired_event_id === null ? [row.recorded_event_id] : [row.recorded_event_id, row.retired_event_id],
  }));
}

import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import type { ResponsePolicyRule } from './policy.decider.js';
import type { RecordedRuleVersion } from './rule-book.js';

/*
 * The recorded response rules as a read model keeps them: one row per policy-<ruleId> stream, the rule
 * as recorded and its retirement. A table a projection hosts (the case-timelines projection, which
 * judges by them and so reads them in the same snapshot as the case facts), written and read only here.
 */

interface RuleRow {
  rule: string;
  recorded_event_id: string;
  retired_effective_to: string | null;
  retired_event_id: string | null;
}

export function createRecordedRulesTable(db: Database.Database, table: string): void {
  db.exec(`
    CREATE TABLE "${table}" (
      rule_id              TEXT PRIMARY KEY,
      rule                 TEXT NOT NULL,
      recorded_event_id    TEXT NOT NULL,
      retired_effective_to TEXT,
      retired_event_id     TEXT
    ) STRICT;
  `);
}

/** Applies the events of policy streams to the table; every other event is ignored. */
export function recordedRulesWriter(db: Database.Database, table: string): (event: RecordedEvent) => void {
  const record = db.prepare(`INSERT OR REPLACE INTO "${table}" VALUES (?, ?, ?, NULL, NULL)`);
  const retire = db.prepare(`UPDATE "${table}" SET retired_effective_to = ?, retired_event_id = ? WHERE rule_id = ?`);
  return (event) => {
    if (!event.streamId.startsWith('policy-')) return;
    const ruleId = event.streamId.slice('policy-'.length);
    if (event.type === 'ResponsePolicyRuleRecorded') record.run(ruleId, JSON.stringify(event.data), event.eventId);
    else if (event.type === 'ResponsePolicyRuleRetired') {
      const effectiveTo = event.data.effectiveTo;
      retire.run(typeof effectiveTo === 'string' ? effectiveTo : null, event.eventId, ruleId);
    }
  };
}

/** Every recorded rule with its retirement and the events behind it, in rule id order. */
export function readRecordedRules(prepare: (sql: string) => Database.Statement, table: string): RecordedRuleVersion[] {
  const rows = prepare(
    `SELECT rule, recorded_event_id, retired_effective_to, retired_event_id FROM "${table}" ORDER BY rule_id`,
  ).all() as RuleRow[];
  return rows.map((row) => ({
    rule: JSON.parse(row.rule) as ResponsePolicyRule,
    retirement: row.retired_effective_to === null ? null : { effectiveTo: row.retired_effective_to },
    eventIds: row.retired_event_id === null ? [row.recorded_event_id] : [row.recorded_event_id, row.retired_event_id],
  }));
}

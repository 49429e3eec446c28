import type Database from 'better-sqlite3';
import { DomainError } from '../domain-kit/domain-error.js';
import { LiveRead } from '../projections/live-read.js';
import { auditTrailProjection, type AuditTrailTable } from './audit-trail.projection.js';

export interface AuditFilter {
  /** At most one subject; none means the whole ledger. */
  readonly caseId?: string;
  readonly officialId?: string;
  /** The unit's own stream and those of every unit merged into it, transitively. */
  readonly unitId?: string;
  /** occurredAt at or after `from` and before `to` (epoch milliseconds). */
  readonly from?: number;
  readonly to?: number;
  readonly types?: readonly string[];
  /** The cursor: entries with a global position greater than this. */
  readonly after: number;
  readonly limit: number;
}

export interface AuditEntry {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly aggregate: { readonly category: string; readonly id: string };
  readonly previousHash: string | null;
  readonly hash: string;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextAfter: number | null;
}

interface EntryRow {
  global_position: number;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor: string;
  correlation_id: string;
  causation_id: string | null;
  category: string;
  aggregate_id: string;
  previous_hash: string | null;
  hash: string;
}

/** The audit trail's one query: entries in global order, filtered, one page at a time. */
export class AuditTrailQuery {
  private readonly live: LiveRead<AuditTrailTable>;

  constructor(db: Database.Database) {
    this.live = new LiveRead(db, auditTrailProjection);
  }

  find(filter: AuditFilter): AuditPage {
    const subjects = [filter.caseId, filter.officialId, filter.unitId].filter((subject) => subject !== undefined);
    if (subjects.length > 1)
      throw new DomainError(
        'AUDIT.ONE_SUBJECT',
        'Ask for the trail of one case, one official or one unit at a time (or none, for the whole ledger).',
        'invalid',
      );
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      throw new DomainError('AUDIT.EMPTY_RANGE', 'The time range ends before it starts: "from" must not be after "to".', 'invalid');
    }
    const rows = this.live.read(
      (tables, prepare) => prepare(sqlFor(filter, tables)).all(parametersOf(filter)) as EntryRow[],
      () => [],
    );
    const more = rows.length > filter.limit;
    const entries = rows.slice(0, filter.limit).map(entryOf);
    return { entries, nextAfter: more ? entries[entries.length - 1].globalPosition : null };
  }
}

/** The SQL depends only on which filters are present, so there are few shapes and each is prepared once. */
function sqlFor(filter: AuditFilter, tables: Readonly<Record<AuditTrailTable, string>>): string {
  const conditions = ['global_position > @after'];
  let family = '';
  if (filter.caseId !== undefined) conditions.push("category = 'case' AND aggregate_id = @caseId");
  if (filter.officialId !== undefined) conditions.push("category = 'official' AND aggregate_id = @officialId");
  if (filter.unitId !== undefined) {
    // UNION, not UNION ALL: a link cycle (which the deciders do not allow) would still end.
    family = `WITH RECURSIVE family(unit_id) AS (
      SELECT @unitId UNION SELECT links.absorbed_unit_id FROM "${tables.unit_links}" AS links JOIN family ON links.unit_id = family.unit_id
    ) `;
    conditions.push("category = 'unit' AND aggregate_id IN (SELECT unit_id FROM family)");
  }
  if (filter.from !== undefined) conditions.push('occurred_at_ms >= @from');
  if (filter.to !== undefined) conditions.push('occurred_at_ms < @to');
  if (filter.types !== undefined) conditions.push('type IN (SELECT value FROM json_each(@types))');
  return `${family}SELECT * FROM "${tables.entries}" WHERE ${conditions.join(' AND ')} ORDER BY global_position LIMIT @limit`;
}

function parametersOf(filter: AuditFilter): Record<string, unknown> {
  const parameters: Record<string, unknown> = { after: filter.after, limit: filter.limit + 1 };
  if (filter.caseId !== undefined) parameters.caseId = filter.caseId;
  if (filter.officialId !== undefined) parameters.officialId = filter.officialId;
  if (filter.unitId !== undefined) parameters.unitId = filter.unitId;
  if (filter.from !== undefined) parameters.from = filter.from;
  if (filter.to !== undefined) parameters.to = filter.to;
  if (filter.types !== undefined) parameters.types = JSON.stringify(filter.types);
  return parameters;
}

function entryOf(row: EntryRow): AuditEntry {
  return {
    globalPosition: row.global_position,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    actor: row.actor,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    aggregate: { category: row.category, id: row.aggregate_id },
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

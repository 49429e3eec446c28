import type Database from 'better-sqlite3';
import { DomainError } from '../domain-kit/domain-error.js';
import { LiveRead } from '../projections/live-read.js';
import { personalDataReadsProjection, type PersonalDataReadsTable } from './personal-data-reads.projection.js';

export interface PersonalDataReadsFilter {
  readonly subjectId?: string;
  readonly reader?: string;
  /** Read at or after `from`, before `to` (epoch milliseconds). */
  readonly from?: number;
  readonly to?: number;
  /** The cursor: reads with a global position greater than this. */
  readonly after: number;
  readonly limit: number;
}

export interface PersonalDataReadEntry {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly subjectId: string;
  readonly reader: string;
  readonly roles: string[];
  readonly route: string;
  readonly correlationId: string;
  readonly caseId: string | null;
  readonly readAt: string;
}

export interface PersonalDataReadsPage {
  readonly reads: PersonalDataReadEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextAfter: number | null;
}

interface ReadRow {
  global_position: number;
  event_id: string;
  subject_id: string;
  reader: string;
  roles: string;
  route: string;
  correlation_id: string;
  case_id: string | null;
  read_at: string;
}

/** Who read whose personal data, in global order, filtered, one page at a time. */
export class PersonalDataReadsQuery {
  private readonly live: LiveRead<PersonalDataReadsTable>;

  constructor(db: Database.Database) {
    this.live = new LiveRead(db, personalDataReadsProjection);
  }

  find(filter: PersonalDataReadsFilter): PersonalDataReadsPage {
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      throw new DomainError('PERSONAL_DATA.EMPTY_RANGE', 'The time range ends before it starts: "from" must not be after "to".', 'invalid');
    }
    const conditions = ['global_position > @after'];
    if (filter.subjectId !== undefined) conditions.push('subject_id = @subjectId');
    if (filter.reader !== undefined) conditions.push('reader = @reader');
    if (filter.from !== undefined) conditions.push('read_at_ms >= @from');
    if (filter.to !== undefined) conditions.push('read_at_ms < @to');
    const parameters = {
      after: filter.after,
      limit: filter.limit + 1,
      subjectId: filter.subjectId,
      reader: filter.reader,
      from: filter.from,
      to: filter.to,
    };
    const used = Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined));
    const rows = this.live.read(
      (tables, prepare) =>
        prepare(`SELECT * FROM "${tables.reads}" WHERE ${conditions.join(' AND ')} ORDER BY global_position LIMIT @limit`).all(
          used,
        ) as ReadRow[],
      () => [],
    );
    const more = rows.length > filter.limit;
    const reads = rows.slice(0, filter.limit).map(entryOf);
    return { reads, nextAfter: more ? reads[reads.length - 1].globalPosition : null };
  }
}

function entryOf(row: ReadRow): PersonalDataReadEntry {
  return {
    globalPosition: row.global_position,
    eventId: row.event_id,
    subjectId: row.subject_id,
    reader: row.reader,
    roles: row.roles === '' ? [] : row.roles.split(','),
    route: row.route,
    correlationId: row.correlation_id,
    caseId: row.case_id,
    readAt: row.read_at,
  };
}

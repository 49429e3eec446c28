import { vietnamDayOf } from '../../calendar/calendar-day.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../../ledger/event-store.port.js';
import type { Projection } from '../../projections/projection.js';
import type { CaseEvent } from '../../cases/case.events.js';
import { actingOfficialOf, caseFromFacts, FOLDED_EVENT_TYPES, type CaseFact } from '../records-from-facts.js';

export type ResponsibilityFactsTable = 'events' | 'stream_officials' | 'stream_units' | 'case_days' | 'case_records';

/** The aggregates whose facts the report folds (records-from-facts.ts); every other category is ignored. */
export const REPORT_CATEGORIES = ['official', 'unit', 'meeting', 'visit', 'case', 'review'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/**
 * The facts the responsibility report and the annual evaluation are computed from: each event of the
 * official, unit, meeting, visit, case and review streams that the folds read (FOLDED_EVENT_TYPES of
 * records-from-facts.ts: about half of a case's events, its closure, escalations and acts that name no
 * official, change no record), stored once (id, type, occurredAt, data, and the official the recording
 * token named), and two indexes, fed by every event of those streams, that say which streams to fold for a question:
 * - stream_officials: the official's own stream, meetings they attended, visits they were planned for or
 *   present at, cases assigned to them, reported upward by them or acknowledged or acted on by them
 *   (actingOfficialOf), reviews about them;
 * - stream_units: the unit a case was received in, a meeting or visit was held in, and the units an
 *   official was assigned to (category 'official'), so "who answers for this unit" is one lookup;
 * and per case: case_days, the first and last Vietnamese day on which one of its events occurred (every
 * date the report reads from a case is an event's occurredAt, which no correction changes, so a case
 * with no event in a period can add nothing to that period's review: the query leaves it out unread),
 * and case_records, its record as caseFromFacts folds it from the stored events, folded again at the
 * end of every batch that changed the case, so the query reads one row per case instead of its events.
 * The indexes are a superset: a corrected field adds the new ids and never removes the old ones. The
 * pure report filters by occurredAt and the unit tree, so a stream selected too many is harmless, one
 * selected too few would not be. The reporter's contact (personal data) is not copied.
 */
export const responsibilityFactsProjection: Projection<ResponsibilityFactsTable> = {
  name: 'responsibility-facts',
  // 6: the acts (acknowledgements, actions) of officials in the case records, with the token's official stored beside each event.
  // 7: a unit's moves (UnitMoved), which place it in the tree of each day.
  version: 7,
  tables: ['events', 'stream_officials', 'stream_units', 'case_days', 'case_records'],

  schema(db, tables) {
    db.exec(`
      -- Clustered by stream: a review reads whole streams, each one seek and its neighbouring rows.
      CREATE TABLE "${tables.events}" (
        stream_id       TEXT NOT NULL,
        global_position INTEGER NOT NULL,
        category        TEXT NOT NULL,
        event_id        TEXT NOT NULL,
        type            TEXT NOT NULL,
        occurred_at     TEXT NOT NULL,
        data            TEXT NOT NULL,
        official_id     TEXT,
        PRIMARY KEY (stream_id, global_position)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE "${tables.stream_officials}" (
        official_id TEXT NOT NULL,
        stream_id   TEXT NOT NULL,
        PRIMARY KEY (official_id, stream_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE "${tables.stream_units}" (
        unit_id   TEXT NOT NULL,
        category  TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        PRIMARY KEY (unit_id, category, stream_id)
      ) STRICT, WITHOUT ROWID;
      -- Narrow, apart from the records: the query joins every stream it considers to it.
      CREATE TABLE "${tables.case_days}" (
        stream_id TEXT PRIMARY KEY,
        first_day TEXT NOT NULL,
        last_day  TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE "${tables.case_records}" (
        stream_id      TEXT PRIMARY KEY,
        first_position INTEGER NOT NULL,
        record         TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },

  applier(db, tables) {
    const insertEvent = db.prepare(
      `INSERT INTO "${tables.events}" (global_position, stream_id, category, event_id, type, occurred_at, data, official_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const linkOfficial = db.prepare(`INSERT OR IGNORE INTO "${tables.stream_officials}" (official_id, stream_id) VALUES (?, ?)`);
    const linkUnit = db.prepare(`INSERT OR IGNORE INTO "${tables.stream_units}" (unit_id, category, stream_id) VALUES (?, ?, ?)`);
    const caseEvents = db
      .prepare(
        `SELECT global_position, event_id, type, occurred_at, data, official_id FROM "${tables.events}" WHERE stream_id = ? ORDER BY global_position`,
      )
      .raw(true);
    // Once per case and batch: its days widened, its record replaced when it was folded again.
    const spanCase = db.prepare(
      `INSERT INTO "${tables.case_days}" (stream_id, first_day, last_day) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day)`,
    );
    const storeRecord = db.prepare(`INSERT OR REPLACE INTO "${tables.case_records}" (stream_id, first_position, record) VALUES (?, ?, ?)`);
    const casesChanged = new Map<string, CaseInBatch>();
    return {
      startOfBatch() {
        casesChanged.clear();
      },
      apply(event) {
        const category = categoryOf(event.streamId);
        if (category === null) return;
        const folded = FOLDED_EVENT_TYPES.has(event.type) && (!isAct(event.type) || actingOfficialOf(factOf(event)) !== null);
        if (folded)
          insertEvent.run(
            event.globalPosition,
            event.streamId,
            category,
            event.eventId,
            event.type,
            event.metadata.occurredAt,
            JSON.stringify(storedData(event)),
            event.metadata.officialId ?? null,
          );
        if (category === 'case') noteCaseEvent(casesChanged, event, folded);
        const links = linksOf(category, event);
        for (const officialId of links.officials) linkOfficial.run(officialId, event.streamId);
        for (const unitId of links.units) linkUnit.run(unitId, category, event.streamId);
      },
      // Each case changed by the batch is folded again, once, from the batch's facts when it began in the
      // batch, else from its stored events (which hold the batch's too): corrections included either way.
      endOfBatch() {
        for (const [streamId, change] of casesChanged) {
          let first: number | null = null;
          let record: string | null = null;
          if (change.whole) {
            first = change.whole.first;
            record = jsonOrNull(caseFromFacts(change.whole.facts));
          } else if (change.refold) {
            const rows = caseEvents.all(streamId) as [number, string, string, string, string, string | null][];
            first = rows[0]?.[0] ?? null;
            record = jsonOrNull(
              caseFromFacts(
                rows.map(
                  ([, eventId, type, occurredAt, data, tokenOfficialId]) =>
                    ({ type, data: JSON.parse(data) as CaseEvent['data'], eventId, occurredAt, tokenOfficialId }) as CaseFact,
                ),
              ),
            );
          }
          spanCase.run(streamId, change.firstDay, change.lastDay);
          if (first !== null && record !== null) storeRecord.run(streamId, first, record);
        }
        casesChanged.clear();
      },
    };
  },
};

/**
 * What a batch did to one case: the days of its events, and whether its record must be folded again;
 * `whole` holds the case's folded facts when the batch began the stream (revision 0), so they are all here.
 */
interface CaseInBatch {
  firstDay: string;
  lastDay: string;
  refold: boolean;
  whole: { first: number | null; readonly facts: CaseFact[] } | null;
}

function noteCaseEvent(changes: Map<string, CaseInBatch>, event: RecordedEvent, folded: boolean): void {
  const day = vietnamDayOf(event.metadata.occurredAt);
  let change = changes.get(event.streamId);
  if (!change) {
    change = { firstDay: day, lastDay: day, refold: false, whole: event.streamRevision === 0 ? { first: null, facts: [] } : null };
    changes.set(event.streamId, change);
  }
  if (day < change.firstDay) change.firstDay = day;
  if (day > change.lastDay) change.lastDay = day;
  if (!folded) return;
  change.refold = true;
  if (change.whole) {
    change.whole.first ??= event.globalPosition;
    change.whole.facts.push(factOf(event));
  }
}

const isAct = (type: string) => type === 'CaseAcknowledged' || type === 'CaseActionRecorded';

function factOf(event: RecordedEvent): CaseFact {
  return {
    type: event.type,
    data: storedData(event),
    eventId: event.eventId,
    occurredAt: event.metadata.occurredAt,
    tokenOfficialId: event.metadata.officialId ?? null,
  } as CaseFact;
}

function jsonOrNull(record: object | null): string | null {
  return record === null ? null : JSON.stringify(record);
}

/** `case-2024-0001` → case; null for a category the report does not read. */
export function categoryOf(streamId: string): ReportCategory | null {
  const category = streamId.slice(0, Math.max(0, streamId.indexOf('-')));
  return (REPORT_CATEGORIES as readonly string[]).includes(category) ? (category as ReportCategory) : null;
}

/** The data as recorded, without the reporter's contact details: the report never reads them. */
function storedData(event: RecordedEvent): JsonObject {
  if (event.type !== 'CaseReceived') return event.data;
  const { reporter: _reporter, ...rest } = event.data;
  return rest;
}

interface Links {
  readonly officials: readonly string[];
  readonly units: readonly string[];
}

/**
 * The index rows of one event. An EventCorrected may replace the fields that name officials or units
 * (attendees, participants, unitId...), so its `fields` are read with the same rules as the event.
 */
function linksOf(category: ReportCategory, event: RecordedEvent): Links {
  const data = event.type === 'EventCorrected' && isObject(event.data.fields) ? event.data.fields : event.data;
  const own = category === 'official' ? [event.streamId.slice('official-'.length)] : [];
  switch (category) {
    case 'official':
      return { officials: own, units: strings(data.unitId) };
    case 'meeting':
      return { officials: strings(data.attendees), units: strings(data.unitId) };
    case 'visit':
      return { officials: [...strings(data.participants), ...strings(data.presentParticipants)], units: strings(data.unitId) };
    case 'case':
      // CaseReceived names the unit where the matter arose; CaseAssigned and CaseReportedUpward name officials, an act its doer.
      return {
        officials: [...strings(data.officialId), ...strings(actingOfficialOf(factOf(event)) ?? undefined)],
        units: event.type === 'CaseReceived' || event.type === 'EventCorrected' ? strings(data.unitId) : [],
      };
    case 'review':
      return { officials: strings(data.officialId), units: [] };
    case 'unit':
      return { officials: [], units: [] };
    default:
      return unhandled(category);
  }
}

function strings(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unhandled(value: never): never {
  throw new Error(`Unhandled ${JSON.stringify(value)}`);
}

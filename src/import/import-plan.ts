import type { ValidationPipe } from '@nestjs/common';
import { DomainError } from '../domain-kit/domain-error.js';
import type { CommandEnvelope } from '../ledger/command-handler.js';
import type { ImportOrigin, NewEvent } from '../ledger/event-store.port.js';
import type { CaseIntake } from '../cases/case-intake.js';
import { AGGREGATES, ID_FIELDS, IMPORT_COMMANDS, type ImportAggregate } from './import-commands.js';
import type { ImportFile, ImportRow } from './import-file.js';
import { importedEventId, ImportedIds } from './import-ids.js';
import type { AnyDecider, ImportOfficialDirectory, ImportUnitDirectory, ImportView } from './import-view.js';
import { CheckedAhead, ROWS_PER_CHECK } from './checked-ahead.js';
import type { RowCheckRun } from './row-checker.js';
import { checkRow, type CheckedRow, type RowAnswer } from './row-checks.js';

/** A row that cannot be imported, and why: a code (as the API would answer) and a sentence. */
export interface BadRow {
  readonly line: number;
  readonly code: string;
  readonly reason: string;
}

export interface ImportPlan {
  readonly rows: number;
  /** Rows decided now, whose events are waiting in the view to be written. */
  readonly accepted: number;
  /** Rows whose events the ledger holds already (an earlier run of this import). */
  readonly alreadyImported: number;
  readonly events: number;
  readonly bad: readonly BadRow[];
}

export interface PlanContext {
  readonly file: Pick<ImportFile, 'name' | 'sha256'>;
  /** The previous system's name: the namespace of its ids. */
  readonly system: string;
  readonly actor: string;
  /** The time of the import: no row may say it happened later. */
  readonly now: Date;
  readonly view: ImportView;
  readonly units: ImportUnitDirectory;
  readonly officials: ImportOfficialDirectory;
  readonly intake: CaseIntake;
  readonly validation: ValidationPipe;
  /** The ledger ids derived from the source's (ImportedIds of the same system). */
  readonly ids: ImportedIds;
  /**
   * Makes the keys of the subjects a batch of rows will seal, in one transaction, before the batch is
   * decided; absent on a dry run, which seals nothing.
   */
  readonly prepareKeys?: (subjectIds: readonly string[]) => Promise<void>;
  /**
   * Another thread checking the rows ahead (row-checks.ts) while this one decides rows checked before
   * (see CheckedAhead); without it, or before it is ready, or for rows it has not answered in time, the
   * rows are checked here. Either way a row gets the same answer.
   */
  readonly checks?: RowCheckRun;
}

/** Rows read ahead at once: their streams in one read of the store, their reporters' keys in one commit of the key store. */
const ROWS_PER_BATCH = 1000;

/**
 * Decides every row in file order against the view, as the API would decide the same requests sent
 * one after another: the API's DTO and validation pipe check the body, the API's lookups build the
 * command, the aggregate's decider accepts or refuses it. Nothing is written; accepted events wait in
 * the view. A refused row leaves the view as it was, so a later row that needed it is refused too,
 * with its own reason.
 */
export async function planImport(rows: readonly ImportRow[], context: PlanContext, onRow?: (done: number) => void): Promise<ImportPlan> {
  const bad: BadRow[] = [];
  let accepted = 0;
  let alreadyImported = 0;
  let events = 0;
  const checking = new CheckedAhead(rows, context.checks);
  let answers: readonly (RowAnswer | null)[] = [];
  for (const [index, row] of rows.entries()) {
    if (index % ROWS_PER_BATCH === 0) await readAhead(rows.slice(index, index + ROWS_PER_BATCH), context);
    if (index % ROWS_PER_CHECK === 0) answers = await checking.answers(index / ROWS_PER_CHECK);
    onRow?.(index + 1);
    if ('unreadable' in row) {
      bad.push({ line: row.line, code: 'IMPORT.ROW_UNREADABLE', reason: `The row cannot be read: ${row.unreadable}.` });
      continue;
    }
    try {
      const outcome = await decideRow(row.line, row.fields, answers[index % ROWS_PER_CHECK] ?? null, context);
      if (outcome === 'already-imported') alreadyImported += 1;
      else {
        accepted += 1;
        events += outcome;
      }
    } catch (error) {
      bad.push({ line: row.line, ...reasonOf(error, context.ids) });
    }
  }
  return { rows: rows.length, accepted, alreadyImported, events, bad };
}

/**
 * What the rows of a batch are about, fetched before any of them is decided: the streams each row names
 * (one read of the store for all), and the key of each reporter a row will seal (one commit of the key
 * store for all). A row that does not say what it is about is skipped here; deciding it says why.
 */
async function readAhead(batch: readonly ImportRow[], context: PlanContext): Promise<void> {
  // The stream each row is about, and the units, officials, cases and visits it names.
  const streams = new Map<string, AnyDecider>();
  const subjects: string[] = [];
  for (const row of batch) {
    if ('unreadable' in row) continue;
    const { command } = row.fields;
    const spec = typeof command === 'string' && Object.hasOwn(IMPORT_COMMANDS, command) ? IMPORT_COMMANDS[command] : undefined;
    const source = spec && row.fields[spec.target];
    if (!spec || (typeof source !== 'string' && typeof source !== 'number')) continue;
    const targetId = context.ids.id(spec.aggregate, String(source).trim());
    const { decider, stream } = AGGREGATES[spec.aggregate];
    streams.set(stream(targetId), decider);
    for (const [field, value] of Object.entries(row.fields)) {
      const kind = ID_FIELDS[field];
      if (kind === undefined || field === spec.target || !Object.hasOwn(AGGREGATES, kind)) continue;
      const named = AGGREGATES[kind as ImportAggregate];
      for (const id of Array.isArray(value) ? value : [value]) {
        if (typeof id === 'string' || typeof id === 'number')
          streams.set(named.stream(context.ids.id(kind, String(id).trim())), named.decider);
      }
    }
    const subject = spec.sealedSubject?.(row.fields, targetId);
    if (subject !== undefined) subjects.push(subject);
  }
  await context.view.readAhead(streams);
  if (subjects.length > 0) await context.prepareKeys?.(subjects);
}

async function decideRow(
  line: number,
  fields: Readonly<Record<string, unknown>>,
  answer: RowAnswer | null,
  context: PlanContext,
): Promise<number | 'already-imported'> {
  const { system, ids } = context;
  const row = answer === null ? await checkRow(fields, ids, context.validation) : settled(answer, ids);
  const spec = IMPORT_COMMANDS[row.command];
  const { targetId, extraIds, occurredAt: at, identity } = row;

  const { decider, stream: streamOf } = AGGREGATES[spec.aggregate];
  const streamId = streamOf(targetId);
  const stream = await context.view.stream(streamId, decider);
  if (stream.eventIds.has(row.firstEventId)) return 'already-imported';

  const envelope: CommandEnvelope = {
    actor: context.actor,
    correlationId: correlationIdOf(context.file.sha256),
    now: context.now,
    occurredAt: at,
  };
  const built = await spec.build(row.request, { ...context, targetId, extraIds, occurredAt: at, envelope });
  const decided = decider.decide(built, stream.state, { now: context.now, occurredAt: at, actor: context.actor });
  const origin: ImportOrigin = {
    file: context.file.name,
    sha256: context.file.sha256,
    line,
    system,
    command: row.command,
    sourceId: row.targetSource,
  };
  const newEvents: NewEvent[] = decided.map((event, index) => ({
    eventId: index === 0 ? row.firstEventId : importedEventId(system, streamId, identity, index),
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { actor: context.actor, correlationId: envelope.correlationId, causationId: null, occurredAt: at, import: origin },
  }));
  context.view.record(stream, decider, newEvents);
  return newEvents.length;
}

/** A row checked in the other thread: its ids learned here first, so a refusal is put in the source's terms as if checked here. */
function settled(answer: RowAnswer, ids: ImportedIds): CheckedRow {
  ids.learn(answer.derived);
  if ('refused' in answer) throw new DomainError(answer.refused.code, answer.refused.message, 'invalid');
  return answer.checked;
}

export function correlationIdOf(sha256: string): string {
  return `import-${sha256.slice(0, 32)}`;
}

function reasonOf(error: unknown, ids: ImportedIds): { code: string; reason: string } {
  if (error instanceof DomainError) return { code: error.code, reason: ids.inSourceTerms(error.message) };
  throw error;
}

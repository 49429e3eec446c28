import { CaseIntake } from '../../cases/case-intake.js';
import { FirstLevelComplaints } from '../../cases/first-level-complaints.js';
import { loadVietnamCalendar } from '../../calendar/holiday-files.js';
import { ledgerValidationPipe } from '../../http/validation.pipe.js';
import { planImport, type BadRow, type ImportPlan } from '../../import/import-plan.js';
import { formatOf, readImportFile, UnreadableImportFileError } from '../../import/import-file.js';
import { ImportedIds } from '../../import/import-ids.js';
import { ImportKeys } from '../../import/import-keys.js';
import { ImportOfficialDirectory, ImportUnitDirectory, ImportView } from '../../import/import-view.js';
import { ImportConflictError, writeImport } from '../../import/import-writer.js';
import type { RowChecker } from '../../import/row-checker.js';
import { CommandHandler } from '../../ledger/command-handler.js';
import type { EventStore } from '../../ledger/event-store.port.js';
import { caseTimelinesProjection } from '../../timelines/case-timelines.projection.js';
import { PersonalDataVault } from '../../personal-data/personal-data-vault.js';
import type { PersonalDataKeyStore } from '../../personal-data/key-stores/key-store.port.js';
import type { SealedPersonalData } from '../../personal-data/sealed-personal-data.js';
import { loadDefaultDuties, loadDefaultRules } from '../../policies/default-rules.js';
import { RuleBookQuery } from '../../policies/rule-book.query.js';
import type Database from 'better-sqlite3';
import type { JsonObject } from '../../ledger/event-store.port.js';
import { ByteProgress } from '../backup/byte-progress.js';
import { CommandRefusedError, type Terminal } from '../backup/terminal.js';
import { CountProgress, formatCount } from './count-progress.js';

export interface ImportOptions {
  readonly dryRun?: boolean;
  readonly skipBad?: boolean;
  /** The previous system's name, the namespace of its ids. */
  readonly system: string;
  readonly actor: string;
  readonly format?: string;
}

export interface ImportResources {
  eventStore(): Promise<EventStore>;
  keyStore(): Promise<PersonalDataKeyStore>;
  readModels(): Database.Database;
  /** The thread that checks rows ahead of the deciding one, kept from one import to the next; none: the rows are checked in this thread. */
  rowChecker?(): RowChecker | undefined;
}

export interface ImportSummary {
  readonly plan: ImportPlan;
  /** Events appended by this run (0 on a dry run, or when a bad row stopped it). */
  readonly written: number;
  readonly exitCode: 0 | 1 | 2;
}

const SYSTEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** How many bad rows are listed on the terminal; the count is always given in full. */
const LISTED_BAD_ROWS = 1000;

/**
 * `ledger import <file>`: read the whole file, decide every row (nothing written), then, if no row
 * was bad (or --skip-bad), append what was decided. Exit codes: 0 done (or a dry run without bad rows),
 * 1 bad rows and nothing written (or a write failed), 2 refused (the file cannot be read at all).
 */
export async function runImport(
  path: string,
  options: ImportOptions,
  resources: ImportResources,
  terminal: Terminal,
): Promise<ImportSummary> {
  if (!SYSTEM_NAME.test(options.system)) {
    throw new CommandRefusedError(`--source-system must be 1-80 letters, digits, ".", "_" or "-", got ${JSON.stringify(options.system)}.`);
  }
  // Started before the file is read: the thread loads the API's DTOs meanwhile.
  const checker = resources.rowChecker?.();
  let file;
  try {
    const format = formatOf(path, options.format);
    const reading = new ByteProgress(terminal.err, `reading ${path}`);
    file = await readImportFile(path, format, reading.update);
    reading.finish();
  } catch (error) {
    if (error instanceof UnreadableImportFileError) throw new CommandRefusedError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new CommandRefusedError(
        `Cannot read ${path}: ${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : 'permission denied'}.`,
      );
    }
    throw error;
  }

  const store = await resources.eventStore();
  const keys = new ImportKeys(await resources.keyStore());
  const now = new Date();
  const view = new ImportView(store);
  const units = new ImportUnitDirectory(store, view);
  const officials = new ImportOfficialDirectory(store, view);
  const vault = options.dryRun ? new DryRunVault(keys) : new PersonalDataVault(keys);
  const rules = new RuleBookQuery(resources.readModels(), caseTimelinesProjection, loadDefaultRules(), loadDefaultDuties());
  const firstLevel = new FirstLevelComplaints(store, units, rules, loadVietnamCalendar());
  const intake = new CaseIntake(new CommandHandler(store), units, vault, store, rules, firstLevel);

  const checking = new CountProgress(terminal.err, `checking ${file.name}`, 'rows', file.rows.length);
  const plan = await planImport(
    file.rows,
    {
      file,
      system: options.system,
      actor: options.actor,
      now,
      view,
      units,
      officials,
      intake,
      validation: ledgerValidationPipe(),
      ids: new ImportedIds(options.system),
      prepareKeys: options.dryRun ? undefined : (subjectIds) => keys.prepare(subjectIds, now),
      checks: checker?.run(options.system),
    },
    checking.update,
  );
  checking.finish(plan.rows);
  reportBadRows(plan.bad, terminal);

  const counts = `${formatCount(plan.rows)} rows: ${formatCount(plan.accepted)} to import (${formatCount(plan.events)} events), ${formatCount(plan.alreadyImported)} already in the ledger, ${formatCount(plan.bad.length)} bad`;
  if (options.dryRun) {
    terminal.out.write(`Dry run of ${file.name} (SHA-256 ${file.sha256}): ${counts}. Nothing was written.\n`);
    return { plan, written: 0, exitCode: plan.bad.length > 0 ? 1 : 0 };
  }
  if (plan.bad.length > 0 && !options.skipBad) {
    terminal.out.write(`${file.name}: ${counts}. Nothing was written: fix the bad rows, or pass --skip-bad to import the others.\n`);
    return { plan, written: 0, exitCode: 1 };
  }

  const writing = new CountProgress(terminal.err, `writing ${file.name}`, 'events', plan.events);
  let written: number;
  try {
    written = await writeImport(store, view, writing.update);
  } catch (error) {
    if (error instanceof ImportConflictError) {
      terminal.err.write(`ledger import: ${error.message}\n`);
      return { plan, written: error.writtenEvents, exitCode: 1 };
    }
    throw error;
  }
  const { seconds, rate } = writing.finish(written);
  const skipped = plan.bad.length > 0 ? `, ${formatCount(plan.bad.length)} bad rows skipped` : '';
  terminal.out.write(
    `Imported ${file.name} (SHA-256 ${file.sha256}): ${counts}; wrote ${formatCount(written)} events in ${seconds.toFixed(1)} s (${formatCount(rate)} events/s)${skipped}.\n`,
  );
  return { plan, written, exitCode: 0 };
}

function reportBadRows(bad: readonly BadRow[], terminal: Terminal): void {
  for (const row of bad.slice(0, LISTED_BAD_ROWS)) terminal.out.write(`line ${row.line}: ${row.code}: ${row.reason}\n`);
  if (bad.length > LISTED_BAD_ROWS) terminal.out.write(`... and ${formatCount(bad.length - LISTED_BAD_ROWS)} more bad rows\n`);
}

/**
 * A dry run seals nothing (no key is created for a reporter whose case is not written): the decider
 * never reads the sealed bytes, only carries them, so a stand-in is enough to decide. An erased subject
 * is still refused, as the real seal would refuse it.
 */
class DryRunVault extends PersonalDataVault {
  override async seal(subjectId: string, context: string, plaintext: JsonObject, now: Date): Promise<SealedPersonalData> {
    if ((await this.erasedAt(subjectId)) !== null) return super.seal(subjectId, context, plaintext, now);
    return { subjectId, alg: 'A256GCM', iv: '', ciphertext: '', tag: '' };
  }
}

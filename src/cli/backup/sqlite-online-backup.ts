import Database from 'better-sqlite3';
import { chmodSync, closeSync, openSync } from 'node:fs';

export interface CopyProgress {
  readonly doneBytes: number;
  readonly totalBytes: number;
  /** How many times SQLite started over because another connection wrote to the file meanwhile. */
  readonly restarts: number;
}

export interface OnlineCopy {
  readonly pages: number;
  readonly pageSize: number;
  readonly restarts: number;
}

const FIRST_STEP_PAGES = 256; // 1 MiB of 4 KiB pages between two progress lines
const WHOLE_FILE = 0x7fffffff; // the largest step better-sqlite3 passes on: the rest in one read transaction

/**
 * A consistent copy of a live SQLite file through SQLite's online backup API (better-sqlite3's
 * `db.backup()`), never a file copy, which could catch a page half written or miss the WAL.
 *
 * Each step copies some pages inside a read transaction of its own. When another connection (the
 * running service) commits between two steps, SQLite starts the copy over, so that what it finishes
 * is one snapshot. Under steady writes small steps would start over forever: each time it does, the
 * step grows fourfold, until the rest is copied in one step, one read transaction. In WAL mode a
 * reader never blocks the writer, so the service keeps appending while that step runs.
 *
 * The copy is left in rollback-journal mode (one self-contained file, nothing beside it to forget)
 * and checked with `PRAGMA quick_check` before it counts.
 */
export async function copySqliteFile(source: string, target: string, onProgress?: (progress: CopyProgress) => void): Promise<OnlineCopy> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  // Made first, owner-only and exclusive: the copy is never readable by others, even for a moment.
  closeSync(openSync(target, 'wx', 0o600));
  let restarts = 0;
  let step = FIRST_STEP_PAGES;
  let pageSize = 4096;
  try {
    db.pragma('busy_timeout = 10000');
    pageSize = db.pragma('page_size', { simple: true }) as number;
    let lastRemaining = Number.POSITIVE_INFINITY;
    const result = await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        // No fewer pages left than after the last step: SQLite started over.
        if (remainingPages >= lastRemaining) {
          restarts += 1;
          step = Math.min(step * 4, WHOLE_FILE);
        }
        lastRemaining = remainingPages;
        onProgress?.({ doneBytes: (totalPages - remainingPages) * pageSize, totalBytes: totalPages * pageSize, restarts });
        return step;
      },
    });
    onProgress?.({ doneBytes: result.totalPages * pageSize, totalBytes: result.totalPages * pageSize, restarts });
    settleCopy(target);
    return { pages: result.totalPages, pageSize, restarts };
  } finally {
    db.close();
  }
}

/** Rollback-journal mode and a structural check of the copy; throws if SQLite finds it damaged. */
function settleCopy(target: string): void {
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const problems = copy.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    const report = problems.map((row) => row.quick_check);
    if (report.length !== 1 || report[0] !== 'ok')
      throw new Error(`The copy ${target} does not pass SQLite's quick_check: ${report.join('; ')}`);
  } finally {
    copy.close();
  }
  chmodSync(target, 0o600);
}

import { setImmediate } from 'node:timers/promises';
import type { ImportRow } from './import-file.js';
import type { RowCheckRun } from './row-checker.js';
import type { RowAnswer } from './row-checks.js';

/** Rows the checking thread is asked about at once: small enough that the two threads share a batch's checks finely. */
export const ROWS_PER_CHECK = 250;
/** Checks asked ahead of the rows being decided: the thread kept busy, the memory bounded. */
const CHECKS_AHEAD = 8;

/**
 * The rows' checks handed to the checking thread, ROWS_PER_CHECK rows at a time and CHECKS_AHEAD
 * ahead of the rows being decided. When the deciding thread reaches rows whose answers have not come
 * (the thread is not ready yet, is behind, or failed), it checks those rows itself, unless the run is
 * patient (it then waits): so neither thread waits for the other, and each row gets the same answer
 * whichever thread checked it. An answer that comes too late is dropped.
 */
export class CheckedAhead {
  private readonly answered = new Map<number, readonly (RowAnswer | null)[]>();
  private readonly waiting = new Map<number, Promise<void>>();
  private nextToAsk = 0;
  private deciding = 0;

  constructor(
    private readonly rows: readonly ImportRow[],
    private readonly checks: RowCheckRun | undefined,
  ) {}

  /** The answers for the rows of check `number` (rows number * ROWS_PER_CHECK on), by position; none to check them here. */
  async answers(number: number): Promise<readonly (RowAnswer | null)[]> {
    this.deciding = number;
    const { checks } = this;
    if (!checks?.ready) return [];
    this.nextToAsk = Math.max(this.nextToAsk, number);
    while (this.nextToAsk < number + CHECKS_AHEAD && this.nextToAsk * ROWS_PER_CHECK < this.rows.length) this.ask(this.nextToAsk++);
    // Answers already posted by the thread are taken in on a turn of the event loop.
    if (checks.patient) await this.waiting.get(number);
    else if (!this.answered.has(number)) await setImmediate();
    const answers = this.answered.get(number);
    if (answers === undefined) checks.reached(number);
    this.answered.delete(number);
    this.waiting.delete(number);
    return answers ?? [];
  }

  private ask(number: number): void {
    const start = number * ROWS_PER_CHECK;
    const fields = this.rows.slice(start, start + ROWS_PER_CHECK).map((row) => ('unreadable' in row ? null : row.fields));
    this.waiting.set(
      number,
      this.checks!.check(number, fields).then(
        (answers) => {
          if (number >= this.deciding) this.answered.set(number, answers);
        },
        () => undefined,
      ),
    );
  }
}

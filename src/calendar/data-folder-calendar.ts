import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadYearDecisions, SHIPPED_HOLIDAY_DIRECTORY } from './holiday-files.js';
import { WorkingDayCalendar } from './working-day-calendar.js';
import { parseYearDecision, type YearDecision } from './year-decision.js';

/** A decision file an operator drops in: <LEDGER_DATA_DIR>/calendar/<year>.json, in the format of the shipped vn-<year>.json. */
const DROPPED_FILE = /^(\d{4})\.json$/;
/** How often, at most, the folder is looked at again: a request reads the calendar thousands of times, the folder once. */
const CHECK_EVERY_MS = 100;

export interface CalendarEvents {
  readonly reloaded?: (message: string) => void;
  readonly refused?: (message: string) => void;
}

/**
 * The working-day calendar of the shipped decision files, with the year decisions an operator drops
 * into the data folder's calendar/ folder (a year's file there takes the place of the shipped one),
 * picked up without a restart: on use, at most every 100 ms, the folder's file names, sizes and
 * modification times are compared with those last loaded, and on a change the calendar is built
 * again. A file that is not valid (not JSON, not the format, another year, contradicting the law)
 * changes nothing: the calendar stays the last good one and `problem` says which file and why, for
 * the log and for /health/ready, until the file is fixed or removed.
 */
export class DataFolderCalendar {
  private active: WorkingDayCalendar;
  private loadedFingerprint: string;
  private lastCheck = 0;
  private refusal: { readonly fingerprint: string; readonly message: string } | null = null;
  private readonly shipped: readonly YearDecision[];
  private readonly folder: string;

  /** The calendar every reader holds: each member call goes to the calendar in force at that moment. */
  readonly calendar: WorkingDayCalendar;

  constructor(
    dataDir: string,
    private readonly events: CalendarEvents = {},
    shippedDirectory: string = SHIPPED_HOLIDAY_DIRECTORY,
    private readonly now: () => number = Date.now,
  ) {
    this.folder = join(dataDir, 'calendar');
    this.shipped = loadYearDecisions(shippedDirectory);
    this.active = new WorkingDayCalendar(this.shipped);
    this.loadedFingerprint = '';
    this.check();
    this.calendar = new Proxy(this.active, {
      get: (_target, member) => {
        const current = this.current();
        const value: unknown = Reflect.get(current, member, current);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
      },
    });
  }

  /** The calendar in force now (the folder looked at again if the last look is older than 100 ms). */
  current(): WorkingDayCalendar {
    if (this.now() - this.lastCheck >= CHECK_EVERY_MS) this.check();
    return this.active;
  }

  /** Why the dropped-in files are not in force, or null when they all are. */
  problem(): string | null {
    this.current();
    return this.refusal?.message ?? null;
  }

  private check(): void {
    this.lastCheck = this.now();
    const fingerprint = this.fingerprint();
    if (fingerprint === this.loadedFingerprint || fingerprint === this.refusal?.fingerprint) return;
    try {
      const dropped = this.droppedDecisions();
      const years = new Set(dropped.map((decision) => decision.year));
      this.active = new WorkingDayCalendar([...this.shipped.filter((decision) => !years.has(decision.year)), ...dropped]);
      this.loadedFingerprint = fingerprint;
      this.refusal = null;
      if (fingerprint !== '' || dropped.length > 0)
        this.events.reloaded?.(
          `Working-day calendar reloaded from ${this.folder}: ${dropped.length === 0 ? 'no year decision dropped in, the shipped ones alone' : `the decisions of ${[...years].sort().join(', ')} from there, the shipped ones for the other years`}.`,
        );
    } catch (error) {
      const message = `The working-day calendar keeps its previous decisions: ${(error as Error).message} Fix or remove the file in ${this.folder}.`;
      this.refusal = { fingerprint, message };
      this.events.refused?.(message);
    }
  }

  private files(): string[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .filter((name) => DROPPED_FILE.test(name))
      .sort();
  }

  private fingerprint(): string {
    try {
      return this.files()
        .map((name) => {
          const { size, mtimeMs } = statSync(join(this.folder, name));
          return `${name}:${size}:${mtimeMs}`;
        })
        .join('\n');
    } catch (error) {
      return `unreadable:${(error as Error).message}`;
    }
  }

  private droppedDecisions(): YearDecision[] {
    return this.files().map((name) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(join(this.folder, name), 'utf8'));
      } catch (error) {
        throw new Error(`Holiday file ${name}: not JSON (${(error as Error).message}).`, { cause: error });
      }
      const decision = parseYearDecision(parsed, name);
      if (String(decision.year) !== DROPPED_FILE.exec(name)?.[1]) throw new Error(`Holiday file ${name}: it says year ${decision.year}.`);
      return decision;
    });
  }
}

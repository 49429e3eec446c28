import type Database from 'better-sqlite3';
import { LiveRead } from '../projections/live-read.js';
import type { Projection } from '../projections/projection.js';
import type { MonthlyDuty } from './monthly-duty.js';
import type { ResponsePolicyRule } from './policy.decider.js';
import { readRecordedDuties } from './recorded-duties.js';
import { readRecordedRules } from './recorded-rules.js';
import { RuleBook } from './rule-book.js';

/**
 * The rule book as it stands now: the shipped defaults, and the rules and duties recorded as events as the read
 * model hosting them has applied them (a rule recorded an instant ago may not be there yet). Read in
 * one snapshot each time; the defaults are loaded once, by the caller.
 */
export class RuleBookQuery<HostTable extends string = string> {
  private readonly live: LiveRead<HostTable | 'rules' | 'duties'>;

  /** `host`: the projection whose `rules` and `duties` tables keep the recorded rules and duties (recorded-rules.ts, recorded-duties.ts). */
  constructor(
    db: Database.Database,
    host: Projection<HostTable | 'rules' | 'duties'>,
    private readonly defaults: readonly ResponsePolicyRule[],
    private readonly duties: readonly MonthlyDuty[],
  ) {
    this.live = new LiveRead(db, host);
  }

  current(): RuleBook {
    return this.live.read(
      (tables, prepare) =>
        new RuleBook(this.defaults, readRecordedRules(prepare, tables.rules), this.duties, readRecordedDuties(prepare, tables.duties)),
      () => new RuleBook(this.defaults, [], this.duties, []),
    );
  }
}

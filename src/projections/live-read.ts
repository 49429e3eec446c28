import type Database from 'better-sqlite3';
import { GenerationCatalog } from './generation-catalog.js';
import { tableNamesFor, type Projection, type TableNames } from './projection.js';

/**
 * Reads a projection's live generation, whichever it is now: one read transaction (one snapshot of
 * the WAL), so a swap committed by `ledger rebuild` in another process, which drops the old tables,
 * can never pull them away in the middle of a query. Statements are prepared once per generation.
 */
export class LiveRead<Table extends string> {
  private readonly catalog: GenerationCatalog;
  private readonly statements = new Map<string, Database.Statement>();
  private preparedFor = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly projection: Projection<Table>,
  ) {
    this.catalog = new GenerationCatalog(db);
  }

  /** Runs `read` against the live tables; `whenEmpty` when the projection has no generation yet. */
  read<Result>(read: (tables: TableNames<Table>, prepare: (sql: string) => Database.Statement) => Result, whenEmpty: () => Result): Result {
    return this.db
      .transaction(() => {
        const live = this.catalog.live(this.projection.name);
        if (!live) return whenEmpty();
        if (live.generation !== this.preparedFor) {
          this.statements.clear();
          this.preparedFor = live.generation;
        }
        return read(tableNamesFor(this.projection, live.generation), (sql) => this.prepared(sql));
      })
      .deferred();
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

import type Database from 'better-sqlite3';
import { tableNamesFor, type Projection } from './projection.js';

export interface Generation {
  readonly projection: string;
  readonly generation: number;
  readonly version: number;
  readonly state: 'building' | 'live';
  readonly checkpoint: number;
}

/**
 * projection_generations says which generation of a projection's tables is live and how far each
 * generation has read the global feed. Queries read it on every request, so a swap made by
 * `ledger rebuild` in another process is seen at once.
 */
export class GenerationCatalog {
  private readonly selectLive;
  private readonly selectBuilding;
  private readonly selectOne;
  private readonly selectNext;
  private readonly insert;
  private readonly updateCheckpoint;
  private readonly remove;
  private readonly promote;

  constructor(private readonly db: Database.Database) {
    const columns = 'projection, generation, version, state, checkpoint';
    this.selectLive = db.prepare<[string], Generation>(
      `SELECT ${columns} FROM projection_generations WHERE projection = ? AND state = 'live'`,
    );
    this.selectBuilding = db.prepare<[string], Generation>(
      `SELECT ${columns} FROM projection_generations WHERE projection = ? AND state = 'building'`,
    );
    this.selectOne = db.prepare<[string, number], Generation>(
      `SELECT ${columns} FROM projection_generations WHERE projection = ? AND generation = ?`,
    );
    this.selectNext = db.prepare<[string], { next: number }>(
      'SELECT coalesce(max(generation), 0) + 1 AS next FROM projection_generations WHERE projection = ?',
    );
    this.insert = db.prepare<[string, number, number, string, string]>(
      'INSERT INTO projection_generations (projection, generation, version, state, checkpoint, started_at) VALUES (?, ?, ?, ?, 0, ?)',
    );
    this.updateCheckpoint = db.prepare<[number, string, number]>(
      'UPDATE projection_generations SET checkpoint = ? WHERE projection = ? AND generation = ?',
    );
    this.remove = db.prepare<[string, number]>('DELETE FROM projection_generations WHERE projection = ? AND generation = ?');
    this.promote = db.prepare<[string, number]>("UPDATE projection_generations SET state = 'live' WHERE projection = ? AND generation = ?");
  }

  live(projection: string): Generation | undefined {
    return this.selectLive.get(projection);
  }

  building(projection: string): Generation | undefined {
    return this.selectBuilding.get(projection);
  }

  get(projection: string, generation: number): Generation | undefined {
    return this.selectOne.get(projection, generation);
  }

  /**
   * A new, empty generation with its tables; call inside a transaction. A building one gets the
   * projection's query indexes when it is complete (rebuild.ts), a live one at once.
   */
  create(projection: Projection, state: 'building' | 'live', now: Date): Generation {
    const { next } = this.selectNext.get(projection.name)!;
    this.insert.run(projection.name, next, projection.version, state, now.toISOString());
    projection.schema(this.db, tableNamesFor(projection, next));
    if (state === 'live') projection.indexes?.(this.db, tableNamesFor(projection, next));
    return this.get(projection.name, next)!;
  }

  setCheckpoint(projection: string, generation: number, position: number): void {
    this.updateCheckpoint.run(position, projection, generation);
  }

  /** Drops a generation's tables and forgets it; call inside a transaction. */
  discard(projection: Projection, generation: number): void {
    for (const table of Object.values<string>(tableNamesFor(projection, generation))) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
    this.remove.run(projection.name, generation);
  }

  /** Makes a built generation the live one and drops the one it replaces; call inside a transaction. */
  swap(projection: Projection, generation: number): void {
    const previous = this.live(projection.name);
    if (previous) this.discard(projection, previous.generation);
    this.promote.run(projection.name, generation);
  }
}

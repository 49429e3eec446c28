import type { SecondStep } from '../ledger/second-step.js';
import type { Projection } from '../projections/projection.js';
import { ALL_SECOND_STEPS } from './all-second-steps.js';

export type PendingSecondStepsTable = 'pending';

export interface PendingSecondStep {
  readonly key: string;
  readonly step: string;
  /** Where the first event is: the process manager reads it back from the ledger. */
  readonly streamId: string;
  readonly eventId: string;
  readonly globalPosition: number;
}

/**
 * The two-stream commands whose second event the feed has not shown yet: a row when a first event
 * calls for a second, gone when that second event comes by, whoever wrote it. Fed by the projection
 * engine like any read model (rows and checkpoint in one transaction), so a crash loses no row and a
 * rebuild from the ledger finds exactly the unfinished ones again. It holds ids only: the first event,
 * which may carry sealed personal data, stays in the ledger.
 */
export function pendingSecondStepsProjection(steps: readonly SecondStep[]): Projection<PendingSecondStepsTable> {
  return {
    name: 'pending-second-steps',
    version: 1,
    tables: ['pending'],

    schema(db, tables) {
      db.exec(`
        CREATE TABLE "${tables.pending}" (
          key             TEXT    PRIMARY KEY,
          step            TEXT    NOT NULL,
          stream_id       TEXT    NOT NULL,
          event_id        TEXT    NOT NULL,
          global_position INTEGER NOT NULL
        ) STRICT;
      `);
    },

    applier(db, tables) {
      const insert = db.prepare(`INSERT OR IGNORE INTO "${tables.pending}" VALUES (?, ?, ?, ?, ?)`);
      const remove = db.prepare(`DELETE FROM "${tables.pending}" WHERE key = ?`);
      return (event) => {
        for (const step of steps) {
          const settled = step.settles(event);
          if (settled !== null) remove.run(settled);
          const called = step.calledFor(event);
          if (called !== null) insert.run(called, step.name, event.streamId, event.eventId, event.globalPosition);
        }
      };
    },
  };
}

export const pendingSecondSteps = pendingSecondStepsProjection(ALL_SECOND_STEPS);

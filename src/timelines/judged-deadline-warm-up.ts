import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CaseTimelinesQuery } from './case-timelines.query.js';

const CASES_PER_TURN = 200;

/**
 * Judges every case into the deadline index after start-up, a few hundred cases per turn of the event
 * loop, so that the first aggregates request does not do it all at once (a minute on a province of a
 * million events) and other requests are served meanwhile. A request that comes first finishes the rest.
 * Then every group's tally of the aggregates is made, once.
 */
@Injectable()
export class JudgedDeadlineWarmUp implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopped = false;

  constructor(private readonly timelines: CaseTimelinesQuery) {}

  onApplicationBootstrap(): void {
    // A failure here is met again, and answered, by the request that catches the index up itself.
    void this.run().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    while (!this.stopped && !this.timelines.index.catchUp(CASES_PER_TURN)) await nextTurn();
    // The aggregates' tallies too (a second or so at a million events): the overview's first visit asks for two groupings.
    if (!this.stopped) this.timelines.index.prepareTallies();
  }
}

import type { RebuildProgress, RebuildResult } from '../projections/rebuild.js';

interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Progress of a rebuild: events done of total, rate and time left. On a terminal one line is redrawn
 * ten times a second; otherwise (a pipe, a log file) a plain line is written every few seconds.
 * The total is the store's head position: exact in the embedded store, whose positions are dense;
 * with EventStoreDB positions are log offsets, so the total there is an estimate.
 */
export class ProgressReporter {
  private readonly started = Date.now();
  private lastShown = 0;

  constructor(
    private readonly output: Output,
    private readonly projection: string,
    private readonly now: () => number = Date.now,
  ) {}

  update = (progress: RebuildProgress): void => {
    const interval = this.output.isTTY ? 100 : 2000;
    if (this.now() - this.lastShown < interval) return;
    this.lastShown = this.now();
    const line = this.describe(progress);
    this.output.write(this.output.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  };

  finish(result: RebuildResult): void {
    const seconds = Math.max(this.now() - this.started, 1) / 1000;
    const rate = result.events / seconds;
    if (this.output.isTTY) this.output.write('\r\x1b[2K');
    this.output.write(
      `${this.projection}: rebuilt ${number.format(result.events)} events in ${seconds.toFixed(1)} s (${number.format(rate)} events/s); generation ${result.generation} is live at position ${result.position}\n`,
    );
  }

  private describe({ done, position, head }: RebuildProgress): string {
    const total = done + Math.max(0, head - position);
    const seconds = Math.max(this.now() - this.started, 1) / 1000;
    const rate = done / seconds;
    const percent = total === 0 ? 100 : (100 * done) / total;
    const left = rate > 0 ? (total - done) / rate : 0;
    return `${this.projection}: ${number.format(done)} of ${number.format(total)} events (${percent.toFixed(1)}%), ${number.format(rate)} events/s, about ${formatDuration(left)} left`;
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.ceil(seconds % 60)} s`;
}

interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Progress of a long step counted in items (rows checked, events written): done of total, rate and
 * time left, as ByteProgress shows bytes. On a terminal one line redrawn ten times a second; on a pipe
 * or in a log a plain line every few seconds, and nothing for a step done within the first interval.
 */
export class CountProgress {
  private readonly started: number;
  private lastShown: number;
  private shown = false;

  constructor(
    private readonly output: Output,
    private readonly label: string,
    private readonly unit: string,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.lastShown = this.started;
  }

  update = (done: number): void => {
    const interval = this.output.isTTY ? 100 : 2000;
    if (this.now() - this.lastShown < interval) return;
    this.lastShown = this.now();
    this.shown = true;
    const line = this.describe(done);
    this.output.write(this.output.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  };

  /** Clears the redrawn line and says how long the step took. */
  finish(done: number): { seconds: number; rate: number } {
    if (this.shown && this.output.isTTY) this.output.write('\r\x1b[2K');
    const seconds = Math.max(this.now() - this.started, 1) / 1000;
    return { seconds, rate: done / seconds };
  }

  private describe(done: number): string {
    const seconds = Math.max(this.now() - this.started, 1) / 1000;
    const rate = done / seconds;
    const percent = this.total === 0 ? 100 : (100 * done) / this.total;
    const left = rate > 0 ? Math.max(0, this.total - done) / rate : 0;
    return `${this.label}: ${number.format(done)} of ${number.format(this.total)} ${this.unit} (${percent.toFixed(1)}%), ${number.format(rate)} ${this.unit}/s, about ${Math.ceil(left)} s left`;
  }
}

export function formatCount(value: number): string {
  return number.format(value);
}

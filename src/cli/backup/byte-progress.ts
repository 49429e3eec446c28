interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const MIB = 1024 * 1024;

/**
 * Progress of copying or checking one file: bytes done of total, rate and time left. On a terminal one
 * line is redrawn ten times a second; otherwise (a pipe, a log file) a plain line every few seconds,
 * and nothing at all for a file done within the first interval.
 */
export class ByteProgress {
  private readonly started: number;
  private lastShown: number;
  private shown = false;

  constructor(
    private readonly output: Output,
    private readonly label: string,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.lastShown = this.started;
  }

  update = (doneBytes: number, totalBytes: number, note = ''): void => {
    const interval = this.output.isTTY ? 100 : 2000;
    if (this.now() - this.lastShown < interval) return;
    this.lastShown = this.now();
    this.shown = true;
    const line = this.describe(doneBytes, totalBytes, note);
    this.output.write(this.output.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  };

  /** Clears the redrawn line, so the caller's summary line takes its place. */
  finish(): void {
    if (this.shown && this.output.isTTY) this.output.write('\r\x1b[2K');
  }

  private describe(done: number, total: number, note: string): string {
    const seconds = Math.max(this.now() - this.started, 1) / 1000;
    const rate = done / seconds;
    const percent = total === 0 ? 100 : (100 * done) / total;
    const left = rate > 0 ? Math.max(0, total - done) / rate : 0;
    return `${this.label}: ${mebibytes(done)} of ${mebibytes(total)} MiB (${percent.toFixed(1)}%), ${mebibytes(rate)} MiB/s, about ${Math.ceil(left)} s left${note}`;
  }
}

export function mebibytes(bytes: number): string {
  return (bytes / MIB).toFixed(1);
}

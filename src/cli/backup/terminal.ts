/** Where a long-running command writes: progress and results on `out`, warnings on `err`. */
export interface Terminal {
  readonly out: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly err: { write(text: string): unknown };
}

export const processTerminal: Terminal = { out: process.stdout, err: process.stderr };

/** A mistake in how the command was called, or a folder it must not touch (exit code 2). */
export class CommandRefusedError extends Error {}

/** A warning block on stderr: hard to miss in a terminal and in a log. */
export function warn(terminal: Terminal, lines: readonly string[]): void {
  terminal.err.write(`\nWARNING: ${lines.join('\n         ')}\n\n`);
}

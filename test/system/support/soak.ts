/**
 * `npm run soak` runs every system spec with SOAK=1: each reads its size from here, so `npm test`
 * runs a short version and the soak the long one, with the same code.
 */
export const SOAK = process.env.SOAK === '1';

export function bySoak<T>(short: T, long: T): T {
  return SOAK ? long : short;
}

/** A figure the soak prints at the end of its run (one line each, easy to grep). */
export function reportFigure(name: string, value: number | string): void {
  process.stdout.write(`SOAK FIGURE ${name}: ${value}\n`);
}

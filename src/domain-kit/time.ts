export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** Vietnam keeps one offset all year (no daylight saving): it decides on which day an instant falls. */
export const VIETNAM_OFFSET = '+07:00';
export const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/** The later of two ISO-8601 date-times, whatever their offsets; the first when they name the same instant. */
export function later(a: string, b: string): string {
  // Same length and offset: the strings compare in time order, no parsing (folds call this per event).
  if (a.length === b.length && offsetOf(a) === offsetOf(b)) return b > a ? b : a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** An instant (milliseconds since the epoch) written in Vietnam's offset, to the millisecond. */
export function inVietnamTime(time: number): string {
  return `${new Date(time + VIETNAM_OFFSET_MS).toISOString().slice(0, 23)}${VIETNAM_OFFSET}`;
}

/** The day (YYYY-MM-DD) on which an instant falls in Vietnam. */
export function vietnamDateAt(time: number): string {
  return new Date(time + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function offsetOf(instant: string): string {
  return instant.endsWith('Z') ? 'Z' : instant.slice(-6);
}

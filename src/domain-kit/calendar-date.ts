/**
 * A calendar day, YYYY-MM-DD, without time or zone: assignment periods and rules' effective dates are
 * counted in whole days. Strings in this form compare in date order, so no parsing is needed.
 */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The day on which an ISO-8601 date-time falls, in the offset the recorder gave it. */
export function localDateOf(offsetDateTime: string): string {
  return offsetDateTime.slice(0, 10);
}

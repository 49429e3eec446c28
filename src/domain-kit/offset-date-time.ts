/** ISO-8601 date-time with an explicit offset (Z or ±hh:mm): a time without a zone is ambiguous evidence. */
export const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A date-time with an offset that names a real moment: the pattern alone lets 2017-02-30 or month 13
 * through, so the calendar date is checked too (Date.parse rolls 02-30 over to 03-02 instead of failing).
 */
export function isOffsetDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !OFFSET_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return (
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    Number(value.slice(11, 13)) < 24
  );
}

/**
 * Times as people in Vietnam write them: dd/mm/yyyy and a 24-hour clock, in Asia/Ho_Chi_Minh whatever
 * the browser's own zone. Vietnam keeps GMT+7 all year (no daylight saving), which the parser relies on.
 */
const ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_OFFSET = '+07:00';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function fields(value: string | Date): Record<string, string> | undefined {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return undefined;
  return Object.fromEntries(parts.formatToParts(date).map((part) => [part.type, part.value]));
}

/** 20/02/2017 09:00 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const f = fields(value);
  return f ? `${f.day}/${f.month}/${f.year} ${f.hour}:${f.minute}` : String(value);
}

/** 20/02/2017; a calendar day (YYYY-MM-DD) is shown as it is, never moved by a time zone. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-');
    return `${day}/${month}/${year}`;
  }
  const f = fields(value);
  return f ? `${f.day}/${f.month}/${f.year}` : String(value);
}

/** "dd/mm/yyyy hh:mm" (Vietnam time) as ISO-8601 with its offset, or undefined when it is not a real moment. */
export function parseDateTime(text: string): string | undefined {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  if (!match) return undefined;
  const [, day, month, year, hour, minute] = match.map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const iso = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00${VIETNAM_OFFSET}`;
  const date = new Date(iso);
  // 31/02 rolls over to March in Date: refuse a day the month does not have.
  return fields(date)?.day === pad(day) ? iso : undefined;
}

/** "dd/mm/yyyy" as a calendar day YYYY-MM-DD. */
export function parseDate(text: string): string | undefined {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const iso = parseDateTime(`${match[1]}/${match[2]}/${match[3]} 12:00`);
  return iso?.slice(0, 10);
}

/** Now, as the date-time fields show it. */
export function nowForInput(now = new Date()): string {
  return formatDateTime(now);
}

export function formatNumber(value: number, language: 'vi' | 'en', fractionDigits = 0): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: fractionDigits }).format(value);
}

export function formatPercent(rate: number | null, language: 'vi' | 'en'): string {
  if (rate === null) return '–';
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** 2017-03 as 03/2017. */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-');
  return `${number}/${year}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

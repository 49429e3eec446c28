import type { operations } from '../../api/schema';

export type VisitListQuery = NonNullable<operations['VisitListController_list']['parameters']['query']>;
export type MeetingListQuery = NonNullable<operations['MeetingListController_list']['parameters']['query']>;

export const VISIT_KINDS = ['periodic', 'unscheduled'] as const;
export const VISIT_STATUSES = ['scheduled', 'conducted', 'cancelled'] as const;
export const VISIT_SORTS = ['-plannedFor', 'plannedFor'] as const;
export const MEETING_KINDS = ['party-committee', 'party-cell'] as const;
export const MEETING_SORTS = ['-heldAt', 'heldAt'] as const;

/**
 * The visits and meetings lists' filters as the address bar holds them: the API's names, so a view can
 * be shared and reloaded. The period is two calendar days (YYYY-MM-DD, Vietnam time), both included.
 */
export interface VisitSearch {
  readonly unitId?: string;
  readonly below?: true;
  readonly participantId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly kind?: (typeof VISIT_KINDS)[number];
  readonly status?: (typeof VISIT_STATUSES)[number];
  readonly sort?: (typeof VISIT_SORTS)[number];
}

export interface MeetingSearch {
  readonly unitId?: string;
  readonly below?: true;
  readonly attendeeId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly kind?: (typeof MEETING_KINDS)[number];
  readonly sort?: (typeof MEETING_SORTS)[number];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): T | undefined =>
    values.includes(value as T) ? (value as T) : undefined;
const id = (value: unknown) => {
  const given = text(value);
  return given !== undefined && ID.test(given) ? given : undefined;
};
const day = (value: unknown) => {
  const given = text(value);
  return given !== undefined && DAY.test(given) && !Number.isNaN(Date.parse(given)) ? given : undefined;
};
const flag = (value: unknown): true | undefined => (value === true || value === 'true' ? true : undefined);

type Readers<S> = { readonly [K in keyof S]-?: (value: unknown) => S[K] };

const VISIT_READERS: Readers<VisitSearch> = {
  unitId: id,
  below: flag,
  participantId: id,
  from: day,
  to: day,
  kind: oneOf(VISIT_KINDS),
  status: oneOf(VISIT_STATUSES),
  sort: oneOf(VISIT_SORTS),
};

const MEETING_READERS: Readers<MeetingSearch> = {
  unitId: id,
  below: flag,
  attendeeId: id,
  from: day,
  to: day,
  kind: oneOf(MEETING_KINDS),
  sort: oneOf(MEETING_SORTS),
};

function read<S extends object>(readers: Readers<S>, search: Record<string, unknown>): S {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(readers) as (keyof S & string)[]) {
    const value = readers[key](search[key]);
    if (value !== undefined) kept[key] = value;
  }
  return kept as S;
}

/** The visits route's validateSearch: the filters the address may hold, and nothing else. */
export const visitSearchOf = (search: Record<string, unknown>): VisitSearch => read(VISIT_READERS, search);
/** The meetings route's validateSearch. */
export const meetingSearchOf = (search: Record<string, unknown>): MeetingSearch => read(MEETING_READERS, search);

/** The first instant of a Vietnamese calendar day. */
export const startOfDay = (isoDay: string) => `${isoDay}T00:00:00+07:00`;

export function nextDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The period as the API's instants: from the first day's start to the start of the day after the last (the API's `to` is exclusive). */
function period(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  return { ...(from && { from: startOfDay(from) }), ...(to && { to: startOfDay(nextDay(to)) }) };
}

export function visitListQueryOf(search: VisitSearch): VisitListQuery {
  const { below, from, to, ...rest } = search;
  return { ...rest, ...(below && { below: true }), ...period(from, to) };
}

export function meetingListQueryOf(search: MeetingSearch): MeetingListQuery {
  const { below, from, to, ...rest } = search;
  return { ...rest, ...(below && { below: true }), ...period(from, to) };
}

/** A month (YYYY-MM) as the list's period: its first and last days. */
export function monthPeriod(month: string): { readonly from: string; readonly to: string } {
  const [year, number] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

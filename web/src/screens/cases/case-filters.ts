import type { operations } from '../../api/schema';

/** The case list's query as the generated document types it. */
export type CaseListQuery = NonNullable<operations['CaseListController_list']['parameters']['query']>;

export const CASE_STATUSES = ['open', 'resolved', 'closed'] as const;
export const CASE_CATEGORIES = ['complaint', 'denunciation', 'petition', 'reflection', 'proposal', 'incident'] as const;
export const CASE_CLASSIFICATIONS = ['must-report', 'within-authority', 'unclassified'] as const;
export const CASE_CHANNELS = ['citizen-reception', 'letter', 'hotline', 'online', 'media', 'visit', 'referral'] as const;
export const CASE_SORTS = ['-received', 'received', 'due', '-due', '-lastActivity', 'lastActivity'] as const;

/**
 * The worklist's filters as the address bar holds them: the API's own names, so a view can be shared,
 * reloaded and exported as it is. Days are calendar days (YYYY-MM-DD, Vietnam time); the received
 * period includes both its days. Flags are true and counts numbers, so that the router writes them
 * plainly (below=true, dueWithinWorkingDays=3) rather than as quoted JSON strings.
 */
export interface CaseSearch {
  readonly q?: string;
  readonly unitId?: string;
  readonly below?: true;
  readonly status?: (typeof CASE_STATUSES)[number];
  readonly category?: (typeof CASE_CATEGORIES)[number];
  readonly classification?: (typeof CASE_CLASSIFICATIONS)[number];
  readonly channel?: (typeof CASE_CHANNELS)[number];
  readonly assignedOfficialId?: string;
  readonly assignedUnitId?: string;
  readonly inChargeOf?: string;
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  readonly dueBefore?: string;
  readonly overdue?: true;
  readonly dueWithinWorkingDays?: number;
  readonly notReportedUpward?: true;
  readonly sort?: (typeof CASE_SORTS)[number];
}

export type CaseSearchKey = keyof CaseSearch;

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
const workingDays = (value: unknown) => {
  const given = text(value);
  return given !== undefined && /^\d{1,2}$/.test(given) && Number(given) <= 60 ? Number(given) : undefined;
};

const READERS: { readonly [K in CaseSearchKey]-?: (value: unknown) => CaseSearch[K] } = {
  q: (value) => text(value)?.slice(0, 200),
  unitId: id,
  below: flag,
  status: oneOf(CASE_STATUSES),
  category: oneOf(CASE_CATEGORIES),
  classification: oneOf(CASE_CLASSIFICATIONS),
  channel: oneOf(CASE_CHANNELS),
  assignedOfficialId: id,
  assignedUnitId: id,
  inChargeOf: id,
  receivedFrom: day,
  receivedTo: day,
  dueBefore: day,
  overdue: flag,
  dueWithinWorkingDays: workingDays,
  notReportedUpward: flag,
  sort: oneOf(CASE_SORTS),
};

export const CASE_SEARCH_KEYS = Object.keys(READERS) as CaseSearchKey[];

/** The route's validateSearch: what the address bar says, the filters it may hold and nothing else. */
export function caseSearchOf(search: Record<string, unknown>): CaseSearch {
  const kept: Record<string, unknown> = {};
  for (const key of CASE_SEARCH_KEYS) {
    const value = READERS[key](search[key]);
    if (value !== undefined) kept[key] = value;
  }
  return kept as CaseSearch;
}

const startOf = (isoDay: string) => `${isoDay}T00:00:00+07:00`;
function nextDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The filters as the API's query: days as Vietnam instants (the last received day included), flags as booleans. */
export function caseListQueryOf(search: CaseSearch): CaseListQuery {
  const { below, overdue, notReportedUpward, receivedFrom, receivedTo, dueBefore, dueWithinWorkingDays, ...rest } = search;
  return {
    ...rest,
    ...(below && { below: true }),
    ...(overdue && { overdue: true }),
    ...(notReportedUpward && { notReportedUpward: true }),
    ...(receivedFrom && { receivedFrom: startOf(receivedFrom) }),
    ...(receivedTo && { receivedTo: startOf(nextDay(receivedTo)) }),
    ...(dueBefore && { dueBefore: startOf(dueBefore) }),
    ...(dueWithinWorkingDays !== undefined && { dueWithinWorkingDays }),
  };
}

/** The same list as a CSV file: every case the filters find, not only the pages shown. */
export function caseCsvHref(search: CaseSearch): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(caseListQueryOf(search))) query.set(key, String(value));
  query.set('format', 'csv');
  return `/api/v1/cases?${query}`;
}

/** How many filters narrow the list (the sort is not one). */
export function filterCount(search: CaseSearch): number {
  return CASE_SEARCH_KEYS.filter((key) => key !== 'sort' && key !== 'below' && search[key] !== undefined).length;
}

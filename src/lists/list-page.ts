import { DomainError } from '../domain-kit/domain-error.js';

/** Where a page ends: the sort it was read in, the sort value and the row key of its last entry. */
export interface PagePosition {
  readonly sort: string;
  readonly value: number | string;
  readonly key: number | string;
}

export interface Page<Item> {
  readonly items: readonly Item[];
  /** The cursor of the next page (pass it as `after`), null on the last page. */
  readonly nextAfter: string | null;
}

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

/**
 * The cursor is opaque to clients (base64url of the last entry's sort value and key), so a page is
 * stable whatever is recorded meanwhile: the next page starts strictly after that entry in the same order.
 */
export function cursorOf(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.key])).toString('base64url');
}

export function positionOf(cursor: string, sort: string): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== sort ||
    !['number', 'string'].includes(typeof parsed[1]) ||
    !['number', 'string'].includes(typeof parsed[2])
  )
    throw new DomainError(
      'LIST.CURSOR_INVALID',
      `The cursor "after" is not one this list gave for the sort ${sort}: start again without it, or keep the sort of the page it came from.`,
      'invalid',
    );
  return { sort, value: parsed[1] as number | string, key: parsed[2] as number | string };
}

/** The page of rows read with one more than the limit: the extra row only says that there is a next page. */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  itemOf: (row: Row) => Item,
  positionAfter: (row: Row) => PagePosition,
): Page<Item> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(itemOf), nextAfter: rows.length > limit && last !== undefined ? cursorOf(positionAfter(last)) : null };
}

import type { Request } from 'express';
import type { Page } from '../list-page.js';

/** The page with the link to the next one: the same request, its query kept, `after` the next cursor. */
export function withNextLink<Item>(request: Request, page: Page<Item>): Page<Item> & { next: string | null } {
  if (page.nextAfter === null) return { ...page, next: null };
  const url = new URL(request.originalUrl, 'http://ledger.invalid');
  url.searchParams.set('after', page.nextAfter);
  return { ...page, next: `${url.pathname}${url.search}` };
}

import { SetMetadata } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal.js';

export const SCRAPE_TOKEN_ROUTE = 'ledger:scrape-token';

/**
 * The route also opens to the configured scrape token (METRICS_TOKEN), besides the tokens of the
 * permission it requires: a Prometheus server holds no user's token, and one that expires every few
 * hours would break scraping.
 */
export const AcceptsScrapeToken = () => SetMetadata(SCRAPE_TOKEN_ROUTE, true);

/** Who a request with the scrape token is, in the request log. */
export const SCRAPER: Principal = { subject: 'metrics-scraper', roles: [], units: [] };

/**
 * The configured scrape token, compared in constant time: both sides are hashed to 32 bytes first, so
 * that neither a matching prefix nor the token's length shows in how long the comparison takes.
 */
export class ScrapeToken {
  private readonly digest: Buffer | undefined;

  constructor(token: string | undefined) {
    this.digest = token === undefined ? undefined : sha256(token);
  }

  matches(presented: string | undefined): boolean {
    if (this.digest === undefined || presented === undefined) return false;
    return timingSafeEqual(this.digest, sha256(presented));
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

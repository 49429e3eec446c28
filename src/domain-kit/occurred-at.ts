import { DomainError } from './domain-error.js';

/** How far ahead of the server's clock a recorder's clock may be before occurredAt counts as future. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function assertNotInFuture(occurredAt: string, now: Date): void {
  if (Date.parse(occurredAt) > now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError(
      'OCCURRED_AT.IN_FUTURE',
      `occurredAt ${occurredAt} is in the future (the server's time is ${now.toISOString()}).`,
      'invalid',
    );
  }
}

/** A fact cannot have happened before the fact it follows (receipt before acknowledgement...). */
export function assertNotBefore(occurredAt: string, earlier: string | undefined, what: string): void {
  if (earlier !== undefined && Date.parse(occurredAt) < Date.parse(earlier)) {
    throw new DomainError('OCCURRED_AT.BEFORE_PREVIOUS', `occurredAt ${occurredAt} is before ${what} (${earlier}).`, 'conflict', {
      earlier,
    });
  }
}

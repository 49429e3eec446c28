/**
 * When a failed delivery is tried again: the schedule the Standard Webhooks guidance gives as an
 * example (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first attempt), each pause scaled by a
 * setting (WEBHOOK_RETRY_SCALE, 1 in service; tests compress it) and spread by ±20 % of random jitter,
 * so that a receiver coming back after an outage is not hit by every sender in the same second.
 */
export const RETRY_PAUSES_MS: readonly number[] = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** The pause after the `attempts`-th failed attempt, or null when the schedule is spent (the delivery has failed). */
export function retryPauseMs(attempts: number, scale: number, random: () => number = Math.random): number | null {
  const pause = RETRY_PAUSES_MS[attempts - 1];
  if (pause === undefined) return null;
  return Math.round(pause * scale * (0.8 + 0.4 * random()));
}

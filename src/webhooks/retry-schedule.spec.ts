import { RETRY_PAUSES_MS, retryPauseMs } from './retry-schedule.js';

describe('the retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h... after each failure, then gives up', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((attempts) => retryPauseMs(attempts, 1, middle))).toEqual([5_000, 300_000, 1_800_000, 7_200_000]);
    expect(retryPauseMs(RETRY_PAUSES_MS.length, 1, middle)).toBe(36_000_000);
    expect(retryPauseMs(RETRY_PAUSES_MS.length + 1, 1, middle)).toBeNull();
  });

  it('spreads each pause by ±20 % and scales it by the setting', () => {
    expect(retryPauseMs(1, 1, () => 0)).toBe(4_000);
    expect(retryPauseMs(1, 1, () => 1)).toBe(6_000);
    expect(retryPauseMs(2, 0.001, () => 0.5)).toBe(300);
  });
});

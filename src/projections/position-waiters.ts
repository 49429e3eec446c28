/**
 * Callers waiting for a follower to reach a global position. Woken by `wakeAll()` after each batch the
 * follower writes; they look again every 50 ms as well, for a position that moves where this process
 * cannot see it (a generation swapped in by `ledger rebuild`, a log written by a worker thread).
 */
export class PositionWaiters {
  private readonly waiters = new Set<() => void>();

  /** True once `reached()` holds; false at the deadline or as soon as `gaveUp()` does. */
  async waitUntil(reached: () => boolean, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!reached()) {
      const left = deadline - Date.now();
      if (left <= 0 || gaveUp()) return false;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 50));
        this.waiters.add(wake);
      });
    }
    return true;
  }

  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

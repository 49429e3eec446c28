/** Callers waiting for the Merkle log to reach a global position: woken after each batch the log writes, else every 50 ms. */
export class PositionWaiters {
  private readonly waiters = new Set<() => void>();

  /** True once `reached()` holds; false at the deadline or as soon as `gaveUp()` does. */
  async waitUntil(reached: () => boolean, timeoutMs: number, gaveUp: () => boolean): Promise<boolean> {
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

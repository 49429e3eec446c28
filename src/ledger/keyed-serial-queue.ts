/**
 * Runs tasks one after another per key, and tasks of different keys side by side. The command
 * handler queues commands per stream, so that writers of one process never race each other to the
 * same stream; the EventStoreDB adapter queues its appends per stream for the same reason. Races with
 * other processes are still settled by the expected revision sent with every append.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

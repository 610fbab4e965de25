/**
 * Runs tasks one after the other per key, so two changes of the same alias
 * through one proxy are each decided on facts the other is not changing.
 * Tasks for different keys run side by side.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` once every earlier task of `key` is done. With a `signal`
   * (the client went away), a task still waiting leaves the queue at once
   * and never runs; the tasks behind it then wait only for those before it.
   */
  async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    try {
      if (!(await turnOrAbort(previous, signal))) return undefined;
      return await task();
    } finally {
      release();
      // The last task of a key leaves no entry behind.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}

/** True when `previous` settled first, false when the signal aborted first. */
function turnOrAbort(previous: Promise<void>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return previous.then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void previous.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
  });
}

/**
 * One named read of cluster metadata, started at once and used later, maybe
 * never. Its failure is kept, not thrown, until its value is asked for: a read
 * whose answer the decision turns out not to need cannot fail the request
 * (and leaves no unhandled rejection behind).
 */
export class FactRead<T> {
  private readonly settled: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;

  constructor(
    /** Names the read in the decision line and in the fail-closed message, e.g. `GET _ml/trained_models/m`. */
    readonly label: string,
    work: Promise<T>,
  ) {
    this.settled = work.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  }

  /** A read that needs no request: its value is known already (an id that cannot name a model, for example). */
  static known<T>(label: string, value: T): FactRead<T> {
    return new FactRead(label, Promise.resolve(value));
  }

  async value(): Promise<T> {
    const outcome = await this.settled;
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  /** A read whose value is derived from this one's, started as soon as this one answers. */
  then<U>(label: string, next: (value: T) => Promise<U> | U): FactRead<U> {
    return new FactRead(label, this.value().then(next));
  }
}

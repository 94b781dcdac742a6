/** Runs work one at a time per name (here: per bucket), in the order it was asked for. */

export class SerialQueues {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const result = previous.then(work);
    // The next caller waits for this one to settle, whatever its outcome.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(name, tail);
    // Forget a name once its last work is done, so the map does not grow with every bucket ever used.
    void tail.then(() => {
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    });
    return result;
  }
}

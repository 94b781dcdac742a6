/**
 * Lambda's concurrency rules: a function with reserved concurrency may run that many
 * environments at once (0 throttles every call); the others share what the account limit
 * leaves unreserved. Counted per function name, so the generations of a function that
 * overlap during a hot reload share one count.
 */
export interface ConcurrencySlot {
  readonly functionName: string;
  /** Taken from the account's unreserved share rather than the function's reservation. */
  readonly unreserved: boolean;
}

export class ConcurrencyLimits {
  readonly #accountLimit: number;
  #reserved = new Map<string, number>();
  #reservedTotal = 0;
  readonly #inUse = new Map<string, number>();
  #unreservedInUse = 0;

  constructor(accountLimit: number) {
    this.#accountLimit = accountLimit;
  }

  /** Sets each function's reserved concurrency (absent: it shares the unreserved pool). */
  setReserved(reserved: ReadonlyMap<string, number | undefined>): void {
    this.#reserved = new Map([...reserved].filter((e): e is [string, number] => e[1] !== undefined));
    this.#reservedTotal = [...this.#reserved.values()].reduce((a, b) => a + b, 0);
  }

  limitOf(functionName: string): number {
    return this.#reserved.get(functionName) ?? Math.max(0, this.#accountLimit - this.#reservedTotal);
  }

  inUse(functionName: string): number {
    return this.#inUse.get(functionName) ?? 0;
  }

  /** A slot, or undefined at the limit. The slot remembers which pool it was taken from. */
  tryAcquire(functionName: string): ConcurrencySlot | undefined {
    const reserved = this.#reserved.get(functionName);
    const used = this.inUse(functionName);
    if (reserved !== undefined) {
      if (used >= reserved) return undefined;
    } else if (this.#unreservedInUse >= this.limitOf(functionName)) {
      return undefined;
    }
    const slot = { functionName, unreserved: reserved === undefined };
    if (slot.unreserved) this.#unreservedInUse++;
    this.#inUse.set(functionName, used + 1);
    return slot;
  }

  /** Gives a slot back, to the pool it came from even if the reservation changed meanwhile. */
  release(slot: ConcurrencySlot): void {
    this.#inUse.set(slot.functionName, Math.max(0, this.inUse(slot.functionName) - 1));
    if (slot.unreserved) this.#unreservedInUse = Math.max(0, this.#unreservedInUse - 1);
  }
}

/**
 * Function name -> its current generation and pool. `swap` is one synchronous step: an
 * invocation holds the handle it got for its whole life, so swapping never disturbs it.
 */
import type { FunctionConfig } from '../config/types.js';
import type { EnvironmentPool } from './pool.js';

export interface FunctionHandle {
  config: FunctionConfig;
  generation: number;
  pool: EnvironmentPool;
}

export class FunctionRegistry {
  readonly #handles = new Map<string, FunctionHandle>();

  get(name: string): FunctionHandle | undefined {
    return this.#handles.get(name);
  }

  names(): string[] {
    return [...this.#handles.keys()].sort();
  }

  handles(): FunctionHandle[] {
    return [...this.#handles.values()];
  }

  /** Installs `next` and returns the handle it replaced, which the caller drains. */
  swap(name: string, next: FunctionHandle): FunctionHandle | undefined {
    const previous = this.#handles.get(name);
    this.#handles.set(name, next);
    return previous;
  }

  remove(name: string): FunctionHandle | undefined {
    const previous = this.#handles.get(name);
    this.#handles.delete(name);
    return previous;
  }
}

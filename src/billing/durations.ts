/**
 * Invocation durations for the bill's average and p95: a growable Float64Array, because a ledger
 * can hold millions of them, and a quickselect, because a p95 needs one rank, not a full sort.
 */

export interface Durations {
  values: Float64Array;
  length: number;
}

export function newDurations(): Durations {
  return { values: new Float64Array(16), length: 0 };
}

export function pushDuration(list: Durations, value: number): void {
  if (list.length === list.values.length) {
    const grown = new Float64Array(list.values.length * 2);
    grown.set(list.values);
    list.values = grown;
  }
  list.values[list.length++] = value;
}

/**
 * The lists' values in one array. A single list is returned as a view of its own storage, not a
 * copy: nthSmallest reorders it, which changes no statistic the bill takes from it.
 */
export function joinDurations(lists: readonly Durations[]): Float64Array {
  if (lists.length === 1) return lists[0]!.values.subarray(0, lists[0]!.length);
  const all = new Float64Array(lists.reduce((n, list) => n + list.length, 0));
  let offset = 0;
  for (const list of lists) {
    all.set(list.values.subarray(0, list.length), offset);
    offset += list.length;
  }
  return all;
}

/** The k-th smallest value (0-based), by quickselect with Hoare partitioning; reorders `values`. */
export function nthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k]!;
}

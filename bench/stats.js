// Summaries of repeated measurements, shared by the benchmarks.

/** The middle value; for an even count, the mean of the middle two. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The nearest-rank p-th percentile (p from 0 to 100). */
export function percentile(xs, p) {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
}

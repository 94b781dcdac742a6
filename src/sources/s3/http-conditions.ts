/**
 * GetObject/HeadObject's request headers that shape the answer: `Range` (one byte range, as S3
 * serves; several ranges are ignored like an unparsable header) and the conditional headers
 * (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since) in RFC 9110's order. Pure.
 */

export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number): RangeResult {
  const match = header === undefined ? null : /^\s*bytes=(\d*)-(\d*)\s*$/.exec(header);
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '') {
    // bytes=-N: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

export type ConditionOutcome = 'ok' | 'not-modified' | 'precondition-failed';

export interface ConditionHeaders {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
  ifModifiedSince?: string | undefined;
  ifUnmodifiedSince?: string | undefined;
}

function etagListMatches(list: string, eTag: string): boolean {
  const bare = (value: string) => value.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  return list.split(',').some((item) => item.trim() === '*' || bare(item) === bare(eTag));
}

/** Dates compare at whole seconds, the precision of Last-Modified. */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function evaluateConditions(headers: ConditionHeaders, object: { eTag: string; lastModified: Date }): ConditionOutcome {
  if (headers.ifMatch !== undefined) {
    if (!etagListMatches(headers.ifMatch, object.eTag)) return 'precondition-failed';
  } else {
    const since = parseDate(headers.ifUnmodifiedSince);
    if (since && seconds(object.lastModified) > seconds(since)) return 'precondition-failed';
  }
  if (headers.ifNoneMatch !== undefined) {
    if (etagListMatches(headers.ifNoneMatch, object.eTag)) return 'not-modified';
  } else {
    const since = parseDate(headers.ifModifiedSince);
    if (since && seconds(object.lastModified) <= seconds(since)) return 'not-modified';
  }
  return 'ok';
}

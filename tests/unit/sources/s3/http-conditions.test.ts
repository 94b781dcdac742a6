import { describe, expect, it } from 'vitest';
import { evaluateConditions, parseRange } from '../../../../src/sources/s3/http-conditions.js';

describe('parseRange', () => {
  it('reads one byte range, clamped to the object', () => {
    expect(parseRange('bytes=0-4', 11)).toEqual({ kind: 'partial', start: 0, end: 4 });
    expect(parseRange('bytes=6-', 11)).toEqual({ kind: 'partial', start: 6, end: 10 });
    expect(parseRange('bytes=-5', 11)).toEqual({ kind: 'partial', start: 6, end: 10 });
    expect(parseRange('bytes=-50', 11)).toEqual({ kind: 'partial', start: 0, end: 10 });
    expect(parseRange('bytes=3-100', 11)).toEqual({ kind: 'partial', start: 3, end: 10 });
  });

  it('serves the whole object for no range, a malformed one, a reversed one, or several', () => {
    for (const header of [undefined, 'bytes=', 'items=0-1', 'bytes=5-2', 'bytes=0-1,3-4']) expect(parseRange(header, 11)).toEqual({ kind: 'full' });
  });

  it('finds a range past the end, or a suffix of nothing, unsatisfiable', () => {
    expect(parseRange('bytes=11-', 11)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 11)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('evaluateConditions', () => {
  const object = { eTag: '"abc"', lastModified: new Date('2024-05-01T12:00:00Z') };
  it('applies If-Match and If-Unmodified-Since as preconditions', () => {
    expect(evaluateConditions({ ifMatch: '"abc"' }, object)).toBe('ok');
    expect(evaluateConditions({ ifMatch: 'abc' }, object)).toBe('ok');
    expect(evaluateConditions({ ifMatch: '"other", *' }, object)).toBe('ok');
    expect(evaluateConditions({ ifMatch: '"other"' }, object)).toBe('precondition-failed');
    expect(evaluateConditions({ ifUnmodifiedSince: 'Wed, 01 May 2024 11:59:59 GMT' }, object)).toBe('precondition-failed');
    // If-Match wins over If-Unmodified-Since, as S3 documents.
    expect(evaluateConditions({ ifMatch: '"abc"', ifUnmodifiedSince: 'Wed, 01 May 2024 11:00:00 GMT' }, object)).toBe('ok');
  });

  it('answers not modified for a matching If-None-Match or an unchanged If-Modified-Since', () => {
    expect(evaluateConditions({ ifNoneMatch: '"abc"' }, object)).toBe('not-modified');
    expect(evaluateConditions({ ifNoneMatch: '"other"' }, object)).toBe('ok');
    expect(evaluateConditions({ ifModifiedSince: 'Wed, 01 May 2024 12:00:00 GMT' }, object)).toBe('not-modified');
    expect(evaluateConditions({ ifModifiedSince: 'Wed, 01 May 2024 11:00:00 GMT' }, object)).toBe('ok');
    expect(evaluateConditions({ ifModifiedSince: 'not a date' }, object)).toBe('ok');
  });
});

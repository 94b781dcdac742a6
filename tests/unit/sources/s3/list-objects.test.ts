import { describe, expect, it } from 'vitest';
import { compareUtf8, decodeContinuationToken, encodeContinuationToken, listPage, sortKeys, type ListParams } from '../../../../src/sources/s3/list-objects.js';

const KEYS = sortKeys(['a.txt', 'photos/2024/a.jpg', 'photos/2024/b.jpg', 'photos/2025/c.jpg', 'photos/index.html', 'photos/z.jpg', 'videos/v.mp4', 'z']);
const params = (p: Partial<ListParams>): ListParams => ({ prefix: '', delimiter: undefined, maxKeys: 1000, after: undefined, ...p });

/** Lists every page, as a client following continuation tokens does. */
function allPages(keys: string[], p: Partial<ListParams>) {
  const pages = [];
  let after: string | undefined;
  for (;;) {
    const page = listPage(keys, params({ ...p, after }));
    pages.push(page);
    if (!page.isTruncated) return pages;
    after = decodeContinuationToken(encodeContinuationToken(page.last!));
  }
}

describe('listPage', () => {
  it('lists keys with a prefix, in order', () => {
    expect(listPage(KEYS, params({ prefix: 'photos/2024/' })).keys).toEqual(['photos/2024/a.jpg', 'photos/2024/b.jpg']);
  });

  it('rolls keys up into common prefixes at the delimiter after the prefix', () => {
    const page = listPage(KEYS, params({ delimiter: '/' }));
    expect(page).toMatchObject({ keys: ['a.txt', 'z'], commonPrefixes: ['photos/', 'videos/'], isTruncated: false });
    expect(listPage(KEYS, params({ prefix: 'photos/', delimiter: '/' }))).toMatchObject({
      keys: ['photos/index.html', 'photos/z.jpg'],
      commonPrefixes: ['photos/2024/', 'photos/2025/'],
    });
  });

  it('counts common prefixes against max-keys and continues after one without repeating it', () => {
    const pages = allPages(KEYS, { delimiter: '/', maxKeys: 1 });
    expect(pages.map((p) => [...p.keys, ...p.commonPrefixes])).toEqual([['a.txt'], ['photos/'], ['videos/'], ['z']]);
    expect(pages.slice(0, -1).every((p) => p.isTruncated)).toBe(true);
  });

  it('pages through every key exactly once', () => {
    const many = sortKeys(Array.from({ length: 1500 }, (_, i) => `k/${String(i).padStart(4, '0')}`));
    const pages = allPages(many, { maxKeys: 1000 });
    expect(pages.map((p) => p.keys.length)).toEqual([1000, 500]);
    expect(pages.flatMap((p) => p.keys)).toEqual(many);
  });

  it('starts after a given key', () => {
    expect(listPage(KEYS, params({ after: 'photos/z.jpg' })).keys).toEqual(['videos/v.mp4', 'z']);
  });

  it('returns nothing and no truncation for max-keys 0', () => {
    expect(listPage(KEYS, params({ maxKeys: 0 }))).toMatchObject({ keys: [], isTruncated: false });
  });
});

describe('UTF-8 order', () => {
  it('sorts by UTF-8 bytes as S3 does, not by UTF-16 units', () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 ...), the reverse of UTF-16 order.
    expect(sortKeys(['😀', '～', 'a'])).toEqual(['a', '～', '😀']);
    expect(compareUtf8('～', '😀')).toBeLessThan(0);
  });
});

describe('continuation tokens', () => {
  it('round-trip any key and reject what is not one', () => {
    expect(decodeContinuationToken(encodeContinuationToken('a b/ü+%'))).toBe('a b/ü+%');
    expect(decodeContinuationToken('not a token!')).toBeUndefined();
  });
});

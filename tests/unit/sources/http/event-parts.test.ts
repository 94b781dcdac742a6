import { describe, expect, it } from 'vitest';
import {
  decodeComponent,
  formatClfTime,
  groupByName,
  isHttpApiTextType,
  matchesMediaTypes,
  mediaTypeOf,
  parseQueryString,
  resourceIdFor,
} from '../../../../src/sources/http/event-parts.js';

describe('decodeComponent', () => {
  it.each([
    ['a%20b', false, 'a b'],
    ['a+b', false, 'a+b'],
    ['a+b', true, 'a b'],
    ['caf%C3%A9', false, 'café'],
    ['100%', false, '100%'],
    ['%zz%41', false, '%zzA'],
    ['%E2%82', false, '%E2%82'],
    ['ok%E2%82%AC%FF', false, 'ok%E2%82%AC%FF'],
    ['%2F%3F%23', false, '/?#'],
    ['plain', true, 'plain'],
  ])('decodes %j (plus as space: %s) to %j without throwing', (input, plus, output) => {
    expect(decodeComponent(input, plus)).toBe(output);
  });
});

describe('parseQueryString', () => {
  it('keeps order and repeats, decodes names and values, and skips empty parts', () => {
    expect(parseQueryString('a=1&&b=x+y&a=2&c&d=&e=f=g&%61=3', { semicolons: false })).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x y' },
      { name: 'a', value: '2' },
      { name: 'c', value: '' },
      { name: 'd', value: '' },
      { name: 'e', value: 'f=g' },
      { name: 'a', value: '3' },
    ]);
  });

  it('splits on ; only when asked', () => {
    expect(parseQueryString('a=1;b=2', { semicolons: true })).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ]);
    expect(parseQueryString('a=1;b=2', { semicolons: false })).toEqual([{ name: 'a', value: '1;b=2' }]);
  });

  it('is empty for an empty string', () => {
    expect(parseQueryString('', { semicolons: true })).toEqual([]);
  });
});

describe('groupByName', () => {
  it('groups by exact name in first-seen order', () => {
    expect([...groupByName([['b', '1'], ['a', '2'], ['b', '3'], ['B', '4']])]).toEqual([
      ['b', ['1', '3']],
      ['a', ['2']],
      ['B', ['4']],
    ]);
  });
});

describe('formatClfTime', () => {
  it.each([
    [1714564800000, '01/May/2024:12:00:00 +0000'],
    [Date.UTC(2020, 2, 12, 19, 3, 58), '12/Mar/2020:19:03:58 +0000'],
    [Date.UTC(1999, 11, 31, 23, 59, 59, 999), '31/Dec/1999:23:59:59 +0000'],
    [Date.UTC(2024, 0, 5, 1, 2, 3), '05/Jan/2024:01:02:03 +0000'],
  ])('formats %i as %s', (ms, text) => {
    expect(formatClfTime(ms)).toBe(text);
  });
});

describe('media types', () => {
  it('reads the media type without parameters, lower-cased', () => {
    expect(mediaTypeOf('Text/HTML; charset=UTF-8')).toBe('text/html');
    expect(mediaTypeOf('  ')).toBeUndefined();
    expect(mediaTypeOf(undefined)).toBeUndefined();
  });

  it.each([
    ['text/plain', true],
    ['text/csv', true],
    ['application/json', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/x-www-form-urlencoded', false],
    ['application/octet-stream', false],
    ['application/problem+json', false],
    ['image/svg+xml', false],
    [undefined, false],
  ])('HTTP API treats %s as text: %s', (type, text) => {
    expect(isHttpApiTextType(type)).toBe(text);
  });

  it.each([
    ['image/png', ['image/png'], true],
    ['image/png', ['IMAGE/PNG'], true],
    ['image/png', ['image/*'], true],
    ['image/png', ['*/*'], true],
    ['image/png', ['image/jpeg', 'application/*'], false],
    ['imagex/png', ['image/*'], false],
    [undefined, ['image/*'], false],
    [undefined, ['*/*'], true],
    ['image/png', [], false],
  ])('%s matches %j: %s', (type, patterns, matches) => {
    expect(matchesMediaTypes(type, patterns)).toBe(matches);
  });
});

describe('resourceIdFor', () => {
  it('is six lower-case alphanumerics and stable per path', () => {
    expect(resourceIdFor('/pets/{petId}')).toMatch(/^[a-z0-9]{6}$/);
    expect(resourceIdFor('/pets/{petId}')).toBe(resourceIdFor('/pets/{petId}'));
    expect(resourceIdFor('/')).toMatch(/^[a-z0-9]{6}$/);
    expect(resourceIdFor('/a')).not.toBe(resourceIdFor('/b'));
  });
});

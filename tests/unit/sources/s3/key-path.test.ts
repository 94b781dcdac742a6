import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SEGMENT_NAME, InvalidKeyError, SELF_NAME, keyToNames, namesToKey, prefixFolderNames } from '../../../../src/sources/s3/key-path.js';

/** A small seeded generator, so the generated keys are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces chosen to hit every rule: separators, dots, escapes and what looks like them, reserved words.
const PIECES = ['/', '/', '.', '..', '%', '%2E', '%25', '%5C', '%1F', '%+', '+', ' ', '\0', '\n', '\\', 'a', 'é', '😀', 'self', '%self', 'empty', '%empty', '2', 'E', 'F', '5', '~', ':'];

function generatedKeys(count: number): string[] {
  const next = random(20240501);
  const keys: string[] = [];
  while (keys.length < count) {
    const length = 1 + Math.floor(next() * 12);
    let key = '';
    for (let i = 0; i < length; i++) key += PIECES[Math.floor(next() * PIECES.length)];
    keys.push(key);
  }
  return keys;
}

const BUCKET = join(sep, 'project', 'buckets', 'b');

function expectSafe(names: readonly string[]): void {
  for (const name of names) {
    expect(['', '.', '..']).not.toContain(name);
    expect(name).not.toMatch(/[/\\\0]/);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
  }
  const rel = relative(BUCKET, join(BUCKET, ...names));
  expect(rel === '..' || rel.startsWith(`..${sep}`)).toBe(false);
}

describe('keyToNames', () => {
  it('keeps ordinary keys as they are, so hand-dropped files keep their names', () => {
    expect(keyToNames('images/cat.png')).toEqual(['images', 'cat.png']);
    expect(keyToNames('photos/2024/red flower (1).jpg')).toEqual(['photos', '2024', 'red flower (1).jpg']);
    expect(keyToNames('100% done+ok.png')).toEqual(['100% done+ok.png']);
    expect(keyToNames('hello%20world.txt')).toEqual(['hello%20world.txt']);
    expect(keyToNames('ünïcödé/日本/😀.txt')).toEqual(['ünïcödé', '日本', '😀.txt']);
  });

  it('escapes what a file system cannot hold or would misread', () => {
    expect(keyToNames('../x')).toEqual(['%2E%2E', 'x']);
    expect(keyToNames('a/../../b')).toEqual(['a', '%2E%2E', '%2E%2E', 'b']);
    expect(keyToNames('./a')).toEqual(['%2E', 'a']);
    expect(keyToNames('/lead//x/')).toEqual([EMPTY_SEGMENT_NAME, 'lead', EMPTY_SEGMENT_NAME, 'x', EMPTY_SEGMENT_NAME]);
    expect(keyToNames('tab\there\\back')).toEqual(['tab%09here%5Cback']);
    expect(keyToNames('nul\0')).toEqual(['nul%00']);
  });

  it('escapes a % only where it would be read as an escape or a marker', () => {
    expect(keyToNames('%2E')).toEqual(['%252E']);
    expect(keyToNames('%25')).toEqual(['%2525']);
    expect(keyToNames('%self')).toEqual(['%25self']);
    expect(keyToNames('%empty/x')).toEqual(['%25empty', 'x']);
    expect(keyToNames('50%+')).toEqual(['50%25+']);
    expect(keyToNames('%2e')).toEqual(['%2e']);
  });

  it('cuts a segment longer than 255 bytes into folders, every name within the limit', () => {
    const long = 'é'.repeat(400);
    const names = keyToNames(`top/${long}.txt`);
    expect(names.length).toBeGreaterThan(3);
    expect(names.slice(1, -1).every((n) => n.endsWith('%+'))).toBe(true);
    expectSafe(names);
    expect(namesToKey(names)).toBe(`top/${long}.txt`);
  });

  it('keeps a short tail piece from reading as .. or a reserved name', () => {
    for (const tail of ['..', '.', SELF_NAME, EMPTY_SEGMENT_NAME]) {
      const key = 'a'.repeat(200) + tail;
      const names = keyToNames(key);
      expect(names.at(-1)!.length).toBeGreaterThanOrEqual(16);
      expectSafe(names);
      expect(namesToKey(names)).toBe(key);
    }
  });

  it('refuses an empty key and one over 1,024 bytes', () => {
    expect(() => keyToNames('')).toThrow(InvalidKeyError);
    expect(() => keyToNames('x'.repeat(1025))).toThrow(expect.objectContaining({ reason: 'too-long' }));
    expect(() => keyToNames('é'.repeat(512))).not.toThrow();
  });
});

describe('namesToKey', () => {
  it('round-trips every generated key byte for byte, and never names a path outside the bucket', () => {
    for (const key of generatedKeys(1500)) {
      const names = keyToNames(key);
      expectSafe(names);
      expect(namesToKey(names)).toBe(key);
      expect(namesToKey([...names, SELF_NAME])).toBe(key);
    }
  });

  it('gives different keys different names', () => {
    const seen = new Map<string, string>();
    for (const key of generatedKeys(1500)) {
      const path = keyToNames(key).join('/');
      if (seen.has(path)) expect(seen.get(path)).toBe(key);
      seen.set(path, key);
    }
  });

  it('reads a folder file named %self as the object whose key is the folder', () => {
    expect(namesToKey(['a', SELF_NAME])).toBe('a');
    expect(namesToKey(['a', 'b', SELF_NAME])).toBe('a/b');
  });

  it('reads realistic hand-made names as the keys they show', () => {
    expect(namesToKey(['uploads', 'IMG 0001.JPG'])).toBe('uploads/IMG 0001.JPG');
    expect(namesToKey(['100% done.png'])).toBe('100% done.png');
    expect(namesToKey(['hello%20world.txt'])).toBe('hello%20world.txt');
    expect(namesToKey(['2024-05-01T12:00:00.log'])).toBe('2024-05-01T12:00:00.log');
    expect(namesToKey(['a%3Ab'])).toBe('a%3Ab');
  });

  it('refuses names the encoder would not write (they belong to no key)', () => {
    expect(namesToKey([SELF_NAME])).toBeUndefined();
    expect(namesToKey(['a%2Eb'])).toBeUndefined();
    expect(namesToKey(['%25.txt'])).toBeUndefined();
    expect(namesToKey(['back\\slash'])).toBeUndefined();
    expect(namesToKey(['line\nbreak'])).toBeUndefined();
    expect(namesToKey([SELF_NAME, 'x'])).toBeUndefined();
    expect(namesToKey(['unfinished%+'])).toBeUndefined();
    expect(namesToKey(['short%+', 'piece'])).toBeUndefined();
    expect(namesToKey([])).toBeUndefined();
  });
});

describe('prefixFolderNames', () => {
  it('names the folder holding every key with the prefix', () => {
    expect(prefixFolderNames('photos/2024/x')).toEqual(['photos', '2024']);
    expect(prefixFolderNames('photos/')).toEqual(['photos']);
    expect(prefixFolderNames('photos')).toEqual([]);
    expect(prefixFolderNames('/x')).toEqual([EMPTY_SEGMENT_NAME]);
    expect(prefixFolderNames('../')).toEqual(['%2E%2E']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../../../src/sources/s3/api-call.js';

describe('parseTarget', () => {
  it('reads path-style targets, keeping every byte of the key', () => {
    expect(parseTarget('/', '127.0.0.1:3001')).toMatchObject({ bucket: undefined, key: '' });
    expect(parseTarget('/uploads', '127.0.0.1:3001')).toMatchObject({ bucket: 'uploads', key: '' });
    expect(parseTarget('/uploads/?list-type=2&prefix=a%20b', 'localhost:3001')).toMatchObject({ bucket: 'uploads', key: '' });
    expect(parseTarget('/uploads/a%20b/../c%2B%25/%C3%BC?x-id=PutObject', undefined)).toMatchObject({ bucket: 'uploads', key: 'a b/../c+%/ü' });
    expect(parseTarget('/uploads//lead//x/', undefined)).toMatchObject({ key: '/lead//x/' });
    expect(parseTarget('/b/a+b', undefined).key).toBe('a+b');
  });

  it('reads the bucket from a {bucket}.localhost host', () => {
    expect(parseTarget('/images/cat.png', 'uploads.localhost:3001')).toMatchObject({ bucket: 'uploads', key: 'images/cat.png' });
    expect(parseTarget('/', 'Uploads.LOCALHOST')).toMatchObject({ bucket: 'uploads', key: '' });
  });

  it('reads the query with its parameters decoded', () => {
    expect(parseTarget('/b?list-type=2&prefix=a%2Fb&delimiter=%2F', undefined).query.get('prefix')).toBe('a/b');
  });

  it('refuses a malformed escape with InvalidURI', () => {
    expect(() => parseTarget('/b/%E0%A4%A', undefined)).toThrow(expect.objectContaining({ code: 'InvalidURI' }));
  });
});

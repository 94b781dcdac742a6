import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, startS3, type S3Harness } from './s3-harness.js';

let h: S3Harness;
let outside: string;

// Keys that are not paths: spaces, +, %, unicode, dots, separators where a path has none.
const AWKWARD = [
  'plain.txt',
  'with space/and+plus.txt',
  '100% real',
  '%2E%2E/%2F%25',
  'ünïcödé/日本語/😀.txt',
  '..',
  '.',
  '../escape.txt',
  '../../../../etc/passwd',
  'a/../../b',
  './dot/./x',
  '/leading/slash',
  'double//slash',
  'trailing/',
  '//',
  'back\\slash\\..\\..\\x',
  'tab\tand\nnewline',
  'cr\r\nlf',
  'control\u0001\u001fchars',
  ' spaced out ',
  '%self',
  '%empty',
  'nested/%self',
  '~',
  'x'.repeat(300),
  `${'é'.repeat(400)}/end`,
  'q?uery#hash&amp;=',
  '<xml>&"quotes"\'',
];

beforeAll(async () => {
  h = await startS3('s3-api');
  await h.s3.send(new CreateBucketCommand({ Bucket: 'keys' }));
  outside = mkdtempSync(join(tmpdir(), 'lambkin-outside-'));
});
afterAll(async () => {
  await h?.stop();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

/** Everything in the project outside buckets/keys and lambkin's own state folder. */
function filesOutsideTheBucket(): string[] {
  return filesUnder(h.project.dir).filter((f) => !f.startsWith(join('buckets', 'keys')) && !f.startsWith('.lambkin'));
}

describe('awkward object keys', () => {
  it('round-trip byte for byte through Put, Head, Get and List, and write nothing outside the bucket', async () => {
    const before = filesOutsideTheBucket();
    for (const [i, key] of AWKWARD.entries()) {
      await h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: key, Body: `body ${i}`, Metadata: { index: String(i) } }));
    }
    for (const [i, key] of AWKWARD.entries()) {
      const got = await h.s3.send(new GetObjectCommand({ Bucket: 'keys', Key: key }));
      expect(await got.Body!.transformToString(), key).toBe(`body ${i}`);
      expect((await h.s3.send(new HeadObjectCommand({ Bucket: 'keys', Key: key }))).Metadata).toEqual({ index: String(i) });
    }
    const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: 'keys', EncodingType: 'url' }));
    const keys = listed.Contents!.map((c) => decodeURIComponent(c.Key!.replace(/\+/g, ' ')));
    expect(keys.sort()).toEqual([...AWKWARD].sort());
    expect(filesOutsideTheBucket()).toEqual(before);
    expect(existsSync(join(h.project.dir, 'escape.txt'))).toBe(false);
    expect(filesUnder(join(h.project.dir, 'buckets', 'keys'))).toHaveLength(AWKWARD.length);
  });

  it('lists keys with special characters in plain XML too', async () => {
    const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: 'keys', Prefix: '<xml>' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['<xml>&"quotes"\'']);
    const spaced = await h.s3.send(new ListObjectsV2Command({ Bucket: 'keys', Prefix: ' spaced' }));
    expect(spaced.Contents?.map((c) => c.Key)).toEqual([' spaced out ']);
    for (const key of ['tab\tand\nnewline', 'cr\r\nlf', 'control\u0001\u001fchars']) {
      const page = await h.s3.send(new ListObjectsV2Command({ Bucket: 'keys', Prefix: key.slice(0, 2) }));
      expect(page.Contents?.map((c) => c.Key)).toEqual([key]);
    }
  });

  it('copies and deletes awkward keys, leaving no empty folders behind', async () => {
    await h.s3.send(new CopyObjectCommand({ Bucket: 'keys', Key: 'copies/../../up', CopySource: encodeURIComponent('keys/../../../../etc/passwd') }));
    expect(await (await h.s3.send(new GetObjectCommand({ Bucket: 'keys', Key: 'copies/../../up' }))).Body!.transformToString()).toBe(`body ${AWKWARD.indexOf('../../../../etc/passwd')}`);
    await h.s3.send(new DeleteObjectsCommand({ Bucket: 'keys', Delete: { Objects: [...AWKWARD, 'copies/../../up'].map((Key) => ({ Key })) } }));
    expect(filesUnder(join(h.project.dir, 'buckets', 'keys'))).toEqual([]);
    expect((await h.s3.send(new ListObjectsV2Command({ Bucket: 'keys' }))).KeyCount).toBe(0);
  });

  it('keeps a key and the keys below it as a folder ("a" and "a/b") both', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: 'a', Body: 'I am a' }));
    await h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: 'a/b', Body: 'I am a/b' }));
    await h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: 'a/b/c', Body: 'I am a/b/c' }));
    for (const key of ['a', 'a/b', 'a/b/c']) {
      expect(await (await h.s3.send(new GetObjectCommand({ Bucket: 'keys', Key: key }))).Body!.transformToString()).toBe(`I am ${key}`);
    }
    expect((await h.s3.send(new ListObjectsV2Command({ Bucket: 'keys', Prefix: 'a' }))).Contents?.map((c) => c.Key)).toEqual(['a', 'a/b', 'a/b/c']);
    // Deleting what is below turns the folder back into the plain file a hand would expect.
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'keys', Key: 'a/b/c' }));
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'keys', Key: 'a/b' }));
    expect(readFileSync(join(h.project.dir, 'buckets', 'keys', 'a'), 'utf8')).toBe('I am a');
    expect((await h.s3.send(new HeadObjectCommand({ Bucket: 'keys', Key: 'a' }))).ContentLength).toBe(6);
  });

  it('refuses a key over 1,024 bytes with KeyTooLongError and takes one of exactly 1,024', async () => {
    await expect(h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: 'k'.repeat(1025), Body: 'x' }))).rejects.toMatchObject({ name: 'KeyTooLongError' });
    await h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: 'é'.repeat(512), Body: 'max' }));
    expect(await (await h.s3.send(new GetObjectCommand({ Bucket: 'keys', Key: 'é'.repeat(512) }))).Body!.transformToString()).toBe('max');
  });

  it('never writes through a symbolic link that leads out of the bucket', async () => {
    symlinkSync(outside, join(h.project.dir, 'buckets', 'keys', 'link'), 'dir');
    await expect(h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: 'link/planted.txt', Body: 'x' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(h.s3.send(new PutObjectCommand({ Bucket: 'keys', Key: 'link', Body: 'x' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(filesUnder(outside)).toEqual([]);
    writeFileSync(join(outside, 'secret'), 'secret');
    await expect(h.s3.send(new GetObjectCommand({ Bucket: 'keys', Key: 'link/secret' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    rmSync(join(h.project.dir, 'buckets', 'keys', 'link'));
  });

  it('skips a hand-made file whose name no key maps to, with a warning', async () => {
    mkdirSync(join(h.project.dir, 'buckets', 'keys', 'odd'), { recursive: true });
    writeFileSync(join(h.project.dir, 'buckets', 'keys', 'odd', 'a%2Eb'), 'x');
    writeFileSync(join(h.project.dir, 'buckets', 'keys', 'odd', 'fine.txt'), 'x');
    const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: 'keys', Prefix: 'odd/' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['odd/fine.txt']);
    expect(h.logger.lines.some((l) => l.includes('a%2Eb') && l.includes('is not an object'))).toBe(true);
  });
});

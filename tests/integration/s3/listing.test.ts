import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type S3Harness } from './s3-harness.js';

let h: S3Harness;
const KEY_COUNT = 1500;
const keyOf = (i: number) => `many/${String(Math.floor(i / 100)).padStart(2, '0')}/key-${String(i).padStart(4, '0')}.txt`;
const ALL_KEYS = Array.from({ length: KEY_COUNT }, (_, i) => keyOf(i));

/** Runs `work` over `items` with at most `limit` at once. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

beforeAll(async () => {
  // No notifications here, so no watcher either: queue: false leaves the S3 source out.
  h = await startS3('s3-api', { queue: false });
  await h.s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
  await inParallel(ALL_KEYS, 32, (key) => h.s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key })));
  for (const key of ['top.txt', 'a b/c.txt', 'a b/ü+%.txt', 'z/deep/er/file']) await h.s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: 'x' }));
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describe('ListObjectsV2', () => {
  it('pages through 1,500 keys, 1,000 at a time, with a continuation token', async () => {
    const first = await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'many/' }));
    expect(first).toMatchObject({ KeyCount: 1000, MaxKeys: 1000, IsTruncated: true, Prefix: 'many/' });
    expect(first.NextContinuationToken).toBeTruthy();
    const second = await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'many/', ContinuationToken: first.NextContinuationToken }));
    expect(second).toMatchObject({ KeyCount: 500, IsTruncated: false, ContinuationToken: first.NextContinuationToken });
    expect(second.NextContinuationToken).toBeUndefined();
    const keys = [...first.Contents!, ...second.Contents!].map((c) => c.Key);
    expect(keys).toEqual(ALL_KEYS);
    expect(first.Contents![0]).toMatchObject({ Key: keyOf(0), Size: keyOf(0).length, StorageClass: 'STANDARD' });
    expect(first.Contents![0]!.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.Contents![0]!.LastModified).toBeInstanceOf(Date);
  });

  it("works with the SDK's paginator and a smaller page size", async () => {
    const pages = [];
    for await (const page of paginateListObjectsV2({ client: h.s3, pageSize: 400 }, { Bucket: 'listing', Prefix: 'many/' })) pages.push(page);
    expect(pages.map((p) => p.KeyCount)).toEqual([400, 400, 400, 300]);
    expect(pages.flatMap((p) => p.Contents!.map((c) => c.Key))).toEqual(ALL_KEYS);
  });

  it('rolls keys up into CommonPrefixes at the delimiter, counting them in KeyCount', async () => {
    const top = await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    expect(top.Contents?.map((c) => c.Key)).toEqual(['top.txt']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a b/', 'many/', 'z/']);
    expect(top.KeyCount).toBe(4);
    const many = await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'many/', Delimiter: '/' }));
    expect(many.CommonPrefixes).toHaveLength(15);
    expect(many.Contents).toBeUndefined();
  });

  it('pages through common prefixes too', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'many/', Delimiter: '/', MaxKeys: 4, ContinuationToken: token }));
      seen.push(...page.CommonPrefixes!.map((p) => p.Prefix!));
      token = page.NextContinuationToken;
    } while (token);
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => `many/${String(i).padStart(2, '0')}/`));
  });

  it('starts after a key', async () => {
    const page = await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'many/', StartAfter: keyOf(1497) }));
    expect(page.Contents?.map((c) => c.Key)).toEqual([keyOf(1498), keyOf(1499)]);
    expect(page.StartAfter).toBe(keyOf(1497));
  });

  it('URL-encodes keys and prefixes with encoding-type=url', async () => {
    const page = await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'a b/', EncodingType: 'url' }));
    expect(page.EncodingType).toBe('url');
    expect(page.Prefix).toBe('a+b/');
    expect(page.Contents?.map((c) => c.Key)).toEqual(['a+b/c.txt', 'a+b/%C3%BC%2B%25.txt']);
  });

  it('lists an empty bucket and an empty prefix as nothing', async () => {
    await h.s3.send(new CreateBucketCommand({ Bucket: 'empty-bucket' }));
    const empty = await h.s3.send(new ListObjectsV2Command({ Bucket: 'empty-bucket' }));
    expect(empty).toMatchObject({ KeyCount: 0, IsTruncated: false });
    expect(empty.Contents).toBeUndefined();
    expect(await h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'nothing/' }))).toMatchObject({ KeyCount: 0 });
  });

  it('refuses a continuation token it did not give, and a missing bucket', async () => {
    await expect(h.s3.send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: 'not a token!' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    const err = await h.s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })).catch((e: S3ServiceException) => e);
    expect(err).toMatchObject({ name: 'NoSuchBucket' });
  });
});

describe('ListObjects (version 1)', () => {
  it('pages with Marker and NextMarker', async () => {
    const first = await h.s3.send(new ListObjectsCommand({ Bucket: 'listing', Prefix: 'many/', Delimiter: '/', MaxKeys: 10 }));
    expect(first).toMatchObject({ IsTruncated: true, NextMarker: 'many/09/' });
    const second = await h.s3.send(new ListObjectsCommand({ Bucket: 'listing', Prefix: 'many/', Delimiter: '/', Marker: first.NextMarker }));
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['many/10/', 'many/11/', 'many/12/', 'many/13/', 'many/14/']);
    const plain = await h.s3.send(new ListObjectsCommand({ Bucket: 'listing', Prefix: 'many/', MaxKeys: 3 }));
    expect(plain.Contents?.map((c) => c.Key)).toEqual([keyOf(0), keyOf(1), keyOf(2)]);
    expect(plain.Contents?.[0]?.Owner?.DisplayName).toBe('lambkin');
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type S3Harness, failure } from './s3-harness.js';

let h: S3Harness;
const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');
const file = (key: string) => join(h.project.dir, 'buckets', 'data', ...key.split('/'));

beforeAll(async () => {
  h = await startS3('s3-api');
});
afterAll(async () => {
  await h?.stop();
});

describe('PutObject, GetObject, HeadObject', () => {
  it('stores the bytes as a file and answers with the quoted MD5 ETag, type and metadata', async () => {
    const put = await h.s3.send(new PutObjectCommand({
      Bucket: 'data', Key: 'docs/hello.txt', Body: 'hello world', ContentType: 'text/plain; charset=utf-8',
      Metadata: { author: 'ada', 'Mixed-Case': 'v' }, CacheControl: 'max-age=60', ContentDisposition: 'attachment; filename="h.txt"',
    }));
    expect(put.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    expect(readFileSync(file('docs/hello.txt'), 'utf8')).toBe('hello world');
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'docs/hello.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello world');
    expect(got).toMatchObject({
      ETag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"', ContentType: 'text/plain; charset=utf-8', ContentLength: 11, AcceptRanges: 'bytes',
      Metadata: { author: 'ada', 'mixed-case': 'v' }, CacheControl: 'max-age=60', ContentDisposition: 'attachment; filename="h.txt"',
    });
    expect(got.LastModified!.getTime() % 1000).toBe(0);
    expect(Math.abs(got.LastModified!.getTime() - Date.now())).toBeLessThan(5_000);
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'docs/hello.txt' }));
    expect(head).toMatchObject({ ETag: got.ETag, ContentLength: 11, ContentType: got.ContentType, Metadata: got.Metadata });
  });

  it('keeps what a file cannot hold under .lambkin/s3-meta/, never in the bucket folder', () => {
    const metaDir = join(h.project.dir, '.lambkin', 's3-meta', 'data');
    expect(existsSync(metaDir)).toBe(true);
    expect(existsSync(file('docs/hello.txt.json'))).toBe(false);
  });

  it('stores exactly the bytes of an aws-chunked stream upload with a trailing checksum', async () => {
    const parts = [Buffer.from('first part\r\n'), Buffer.alloc(70_000, 7), Buffer.from('0\r\n\r\nlast')];
    const whole = Buffer.concat(parts);
    const put = await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'stream.bin', Body: Readable.from(parts), ContentLength: whole.length }));
    expect(put.ETag).toBe(`"${md5(whole)}"`);
    expect(readFileSync(file('stream.bin')).equals(whole)).toBe(true);
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'stream.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(whole)).toBe(true);
  });

  it('stores and serves an empty object', async () => {
    const put = await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'empty', Body: '' }));
    expect(put.ETag).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'empty' }));
    expect(await got.Body!.transformToString()).toBe('');
    expect(got.ContentLength).toBe(0);
  });

  it("gives an object stored without a type S3's binary/octet-stream", async () => {
    const res = await fetch(`${h.lk.awsUrl}/data/untyped`, { method: 'PUT', body: new TextEncoder().encode('raw') });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${md5('raw')}"`);
    expect((await h.s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'untyped' }))).ContentType).toBe('binary/octet-stream');
  });

  it('refuses a body whose Content-MD5 or checksum does not match, and stores nothing', async () => {
    const badMd5 = await failure(h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'bad-md5', Body: 'data', ContentMD5: Buffer.from(createHash('md5').update('other').digest()).toString('base64') })));
    expect(badMd5.name).toBe('BadDigest');
    const badCrc = await failure(h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'bad-crc', Body: 'data', ChecksumCRC32: 'AAAAAA==' })));
    expect(badCrc.name).toBe('BadDigest');
    expect(existsSync(file('bad-md5'))).toBe(false);
    expect(existsSync(file('bad-crc'))).toBe(false);
  });

  it('answers a missing key with NoSuchKey, and HeadObject with a bare 404', async () => {
    const err = await failure(h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'nope/missing.txt' })));
    expect(err.name).toBe('NoSuchKey');
    expect(err.$metadata.httpStatusCode).toBe(404);
    const body = await (await fetch(`${h.lk.awsUrl}/data/nope/missing.txt`)).text();
    expect(body).toContain('<Key>nope/missing.txt</Key>');
    expect((await failure(h.s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'nope/missing.txt' })))).name).toBe('NotFound');
  });

  it('honours If-None-Match: * on PUT', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'once', Body: '1', IfNoneMatch: '*' }));
    const err = await failure(h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'once', Body: '2', IfNoneMatch: '*' })));
    expect(err.name).toBe('PreconditionFailed');
    expect(readFileSync(file('once'), 'utf8')).toBe('1');
  });

  it('applies response-* overrides to GetObject', async () => {
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'docs/hello.txt', ResponseContentType: 'application/x-test', ResponseContentDisposition: 'inline' }));
    expect(got.ContentType).toBe('application/x-test');
    expect(got.ContentDisposition).toBe('inline');
  });
});

describe('ranges and conditions', () => {
  beforeAll(async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'range.txt', Body: 'hello world' }));
  });

  it('serves byte ranges with 206 and Content-Range', async () => {
    const cases: Array<[string, string, string]> = [['bytes=0-4', 'hello', 'bytes 0-4/11'], ['bytes=6-', 'world', 'bytes 6-10/11'], ['bytes=-3', 'rld', 'bytes 8-10/11'], ['bytes=4-100', 'o world', 'bytes 4-10/11']];
    for (const [range, body, contentRange] of cases) {
      const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'range.txt', Range: range }));
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(got.ContentRange).toBe(contentRange);
      expect(got.ContentLength).toBe(body.length);
      expect(await got.Body!.transformToString()).toBe(body);
    }
  });

  it('refuses a range past the end with InvalidRange (416)', async () => {
    const err = await failure(h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'range.txt', Range: 'bytes=11-20' })));
    expect(err.name).toBe('InvalidRange');
    expect(err.$metadata.httpStatusCode).toBe(416);
  });

  it('answers conditional GETs with 304 and 412', async () => {
    const { ETag } = await h.s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'range.txt' }));
    expect((await failure(h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'range.txt', IfNoneMatch: ETag })))).$metadata.httpStatusCode).toBe(304);
    expect((await failure(h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'range.txt', IfMatch: '"0000"' })))).name).toBe('PreconditionFailed');
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'range.txt', IfMatch: ETag }));
    expect(await got.Body!.transformToString()).toBe('hello world');
  });
});

describe('DeleteObject and DeleteObjects', () => {
  it('deletes a key with 204, and answers 204 for a key that is not there', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'gone/soon.txt', Body: 'x' }));
    const deleted = await h.s3.send(new DeleteObjectCommand({ Bucket: 'data', Key: 'gone/soon.txt' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(existsSync(join(h.project.dir, 'buckets', 'data', 'gone'))).toBe(false);
    expect((await h.s3.send(new DeleteObjectCommand({ Bucket: 'data', Key: 'gone/soon.txt' }))).$metadata.httpStatusCode).toBe(204);
  });

  it('deletes many keys from an XML body, reporting each (quietly: none)', async () => {
    for (const key of ['m/1', 'm/2', 'm/&<3>']) await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: key, Body: key }));
    const result = await h.s3.send(new DeleteObjectsCommand({ Bucket: 'data', Delete: { Objects: [{ Key: 'm/1' }, { Key: 'm/&<3>' }, { Key: 'm/never' }] } }));
    expect(result.Deleted?.map((d) => d.Key).sort()).toEqual(['m/&<3>', 'm/1', 'm/never']);
    expect(result.Errors ?? []).toEqual([]);
    const quiet = await h.s3.send(new DeleteObjectsCommand({ Bucket: 'data', Delete: { Objects: [{ Key: 'm/2' }], Quiet: true } }));
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(existsSync(join(h.project.dir, 'buckets', 'data', 'm'))).toBe(false);
  });

  it('refuses a malformed DeleteObjects body', async () => {
    const res = await fetch(`${h.lk.awsUrl}/data?delete`, { method: 'POST', body: '<NotDelete/>' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>MalformedXML</Code>');
  });
});

describe('CopyObject', () => {
  beforeAll(async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'src/a b+c.txt', Body: 'copy me', ContentType: 'text/plain', Metadata: { origin: 'src' } }));
  });

  it('copies bytes, type and metadata (URL-encoded source), with the same ETag', async () => {
    const copied = await h.s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'dst/copy.txt', CopySource: encodeURIComponent('data/src/a b+c.txt') }));
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
    expect(copied.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'dst/copy.txt' }));
    expect(head).toMatchObject({ ContentType: 'text/plain', Metadata: { origin: 'src' }, ETag: `"${md5('copy me')}"` });
    expect(readFileSync(file('dst/copy.txt'), 'utf8')).toBe('copy me');
  });

  it('replaces type and metadata with the REPLACE directive, also onto itself', async () => {
    await h.s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'src/a b+c.txt', CopySource: `/data/${encodeURIComponent('src/a b+c.txt')}`, MetadataDirective: 'REPLACE', ContentType: 'text/markdown', Metadata: { origin: 'replaced' } }));
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'src/a b+c.txt' }));
    expect(head).toMatchObject({ ContentType: 'text/markdown', Metadata: { origin: 'replaced' } });
  });

  it('refuses to copy an object onto itself unchanged, and a missing source', async () => {
    const self = await failure(h.s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'src/a b+c.txt', CopySource: encodeURIComponent('data/src/a b+c.txt') })));
    expect(self.name).toBe('InvalidRequest');
    expect((await failure(h.s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'x', CopySource: 'data/missing' })))).name).toBe('NoSuchKey');
    expect((await failure(h.s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'x', CopySource: 'nobucket/missing' })))).name).toBe('NoSuchBucket');
  });
});

describe('objects changed by hand', () => {
  it('serves a file written into the bucket folder, with its MD5 and a guessed type', async () => {
    writeFileSync(file('hand.json'), '{"by":"hand"}');
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'hand.json' }));
    expect(await got.Body!.transformToString()).toBe('{"by":"hand"}');
    expect(got).toMatchObject({ ETag: `"${md5('{"by":"hand"}')}"`, ContentType: 'application/json' });
  });

  it('notices a hand edit of an object written through the API, keeping its type', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'edited.txt', Body: 'before', ContentType: 'text/x-custom' }));
    writeFileSync(file('edited.txt'), 'after the edit');
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: 'data', Key: 'edited.txt' }));
    expect(head).toMatchObject({ ETag: `"${md5('after the edit')}"`, ContentLength: 14, ContentType: 'text/x-custom' });
  });
});

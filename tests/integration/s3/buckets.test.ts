import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client, startS3, type S3Harness, failure } from './s3-harness.js';

let h: S3Harness;

beforeAll(async () => {
  h = await startS3('s3-api');
});
afterAll(async () => {
  await h?.stop();
});

describe('S3 buckets', () => {
  it('creates the configured buckets as folders and lists them', async () => {
    expect(existsSync(join(h.project.dir, 'buckets', 'data'))).toBe(true);
    const { Buckets, Owner } = await h.s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContain('data');
    expect(Buckets?.[0]?.CreationDate).toBeInstanceOf(Date);
    expect(Owner?.DisplayName).toBe('lambkin');
  });

  it('creates a bucket as a folder, answers HeadBucket, and lets us-east-1 re-create it', async () => {
    const created = await h.s3.send(new CreateBucketCommand({ Bucket: 'made-by-api' }));
    expect(created.Location).toBe('/made-by-api');
    expect(existsSync(join(h.project.dir, 'buckets', 'made-by-api'))).toBe(true);
    const head = await h.s3.send(new HeadBucketCommand({ Bucket: 'made-by-api' }));
    expect(head.BucketRegion).toBe('us-east-1');
    await expect(h.s3.send(new CreateBucketCommand({ Bucket: 'made-by-api' }))).resolves.toBeDefined();
  });

  it('treats a folder made by hand as a bucket', async () => {
    mkdirSync(join(h.project.dir, 'buckets', 'by-hand'));
    const { Buckets } = await h.s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContain('by-hand');
  });

  it('refuses an invalid bucket name with InvalidBucketName', async () => {
    const err = await failure(h.s3.send(new CreateBucketCommand({ Bucket: 'no_underscores' })));
    expect(err.name).toBe('InvalidBucketName');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('answers HeadBucket of a missing bucket with a bare 404 (the SDK says NotFound)', async () => {
    const err = await failure(h.s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })));
    expect(err.name).toBe('NotFound');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses to delete a bucket that holds an object, then deletes it once empty', async () => {
    await h.s3.send(new CreateBucketCommand({ Bucket: 'to-delete' }));
    await h.s3.send(new PutObjectCommand({ Bucket: 'to-delete', Key: 'deep/file.txt', Body: 'x' }));
    const err = await failure(h.s3.send(new DeleteBucketCommand({ Bucket: 'to-delete' })));
    expect(err.name).toBe('BucketNotEmpty');
    expect(err.$metadata.httpStatusCode).toBe(409);
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'to-delete', Key: 'deep/file.txt' }));
    const deleted = await h.s3.send(new DeleteBucketCommand({ Bucket: 'to-delete' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(existsSync(join(h.project.dir, 'buckets', 'to-delete'))).toBe(false);
    expect((await failure(h.s3.send(new DeleteBucketCommand({ Bucket: 'to-delete' })))).name).toBe('NoSuchBucket');
  });

  it('does not delete a bucket whose folder holds a file that is no object', async () => {
    await h.s3.send(new CreateBucketCommand({ Bucket: 'odd-file' }));
    writeFileSync(join(h.project.dir, 'buckets', 'odd-file', 'a%2Eb'), 'not an object name');
    expect((await failure(h.s3.send(new DeleteBucketCommand({ Bucket: 'odd-file' })))).name).toBe('BucketNotEmpty');
    expect(readFileSync(join(h.project.dir, 'buckets', 'odd-file', 'a%2Eb'), 'utf8')).toBe('not an object name');
  });

  it("answers with S3's XML error body, request id and resource", async () => {
    const res = await fetch(`${h.lk.awsUrl}/missing-bucket/some/key`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/xml');
    const requestId = res.headers.get('x-amz-request-id');
    expect(requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(res.headers.get('x-amz-id-2')).toBeTruthy();
    const body = await res.text();
    expect(body).toContain('<Code>NoSuchBucket</Code>');
    expect(body).toContain('<Message>The specified bucket does not exist</Message>');
    expect(body).toContain('<BucketName>missing-bucket</BucketName>');
    expect(body).toContain('<Resource>/missing-bucket/some/key</Resource>');
    expect(body).toContain(`<RequestId>${requestId}</RequestId>`);
    const err = await failure(h.s3.send(new GetObjectCommand({ Bucket: 'missing-bucket', Key: 'k' })));
    expect(err.name).toBe('NoSuchBucket');
    expect(err.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
  });

  it('answers an operation it does not implement with NotImplemented', async () => {
    const err = await failure(h.s3.send(new GetBucketVersioningCommand({ Bucket: 'data' })));
    expect(err.name).toBe('NotImplemented');
    expect(err.$metadata.httpStatusCode).toBe(501);
  });

  it('serves virtual-hosted requests to {bucket}.localhost', async () => {
    // *.localhost does not resolve everywhere (it does not here), so the client gets a resolver
    // that sends it to lambkin; the request still carries Host: data.localhost:<port>.
    const port = new URL(h.lk.awsUrl!).port;
    const looked: string[] = [];
    const lookup = (host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      looked.push(host);
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    };
    const virtual = s3Client(`http://localhost:${port}`, { requestHandler: { httpAgent: new Agent({ lookup } as never) } });
    try {
      await virtual.send(new PutObjectCommand({ Bucket: 'data', Key: 'virtual/hosted.txt', Body: 'via Host' }));
      expect(readFileSync(join(h.project.dir, 'buckets', 'data', 'virtual', 'hosted.txt'), 'utf8')).toBe('via Host');
      const got = await virtual.send(new GetObjectCommand({ Bucket: 'data', Key: 'virtual/hosted.txt' }));
      expect(await got.Body!.transformToString()).toBe('via Host');
      expect(looked).toContain('data.localhost');
    } finally {
      virtual.destroy();
    }
  });
});

describe('S3 buckets outside us-east-1', () => {
  let other: S3Harness;
  beforeAll(async () => {
    other = await startS3('s3-api', {}, (dir) => writeFileSync(join(dir, 'lambkin.config.json'), JSON.stringify({ region: 'eu-west-1', buckets: ['data'] })));
  });
  afterAll(async () => {
    await other?.stop();
  });

  it('refuses to re-create your own bucket with BucketAlreadyOwnedByYou', async () => {
    const err = await failure(other.s3.send(new CreateBucketCommand({ Bucket: 'data' })));
    expect(err.name).toBe('BucketAlreadyOwnedByYou');
    expect(err.$metadata.httpStatusCode).toBe(409);
  });

  it('reports the region as the bucket location', async () => {
    expect((await other.s3.send(new GetBucketLocationCommand({ Bucket: 'data' }))).LocationConstraint).toBe('eu-west-1');
  });
});

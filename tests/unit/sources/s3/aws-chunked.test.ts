import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder, isAwsChunked } from '../../../../src/sources/s3/aws-chunked.js';
import { ChecksumVerifier, expectedChecksums } from '../../../../src/sources/s3/checksums.js';

/** Feeds `body` to a decoder in pieces of `step` bytes (1 = byte by byte), returning the data and trailers. */
async function decode(body: string | Buffer, step = body.length, expectedLength?: number) {
  const bytes = Buffer.from(body);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += step) pieces.push(bytes.subarray(i, i + step));
  const decoder = new AwsChunkedDecoder(expectedLength);
  const [data] = await Promise.all([buffer(decoder), pipeline(Readable.from(pieces), decoder)]);
  return { data: data.toString('latin1'), trailers: Object.fromEntries(decoder.trailers) };
}

const SDK_BODY = '6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';

describe('AwsChunkedDecoder', () => {
  it('passes on only the data of an SDK body with a trailing checksum', async () => {
    expect(await decode(SDK_BODY)).toEqual({ data: 'hello world', trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' } });
  });

  it('decodes the same however the body is split across reads', async () => {
    for (const step of [1, 2, 3, 7]) expect((await decode(SDK_BODY, step)).data).toBe('hello world');
  });

  it('ignores chunk signatures of signed streaming bodies', async () => {
    const signed = `b;chunk-signature=${'a'.repeat(64)}\r\nhello world\r\n0;chunk-signature=${'b'.repeat(64)}\r\n\r\n`;
    expect((await decode(signed)).data).toBe('hello world');
  });

  it('keeps CR and LF bytes inside the data', async () => {
    expect((await decode('4\r\n\r\n\r\n\r\n0\r\n\r\n', 1)).data).toBe('\r\n\r\n');
  });

  it('accepts a body that ends right after its trailers', async () => {
    expect((await decode('1\r\nx\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n')).data).toBe('x');
  });

  it('fails a body cut short, a bad size line, and a length other than x-amz-decoded-content-length', async () => {
    await expect(decode('6\r\nhello')).rejects.toMatchObject({ code: 'IncompleteBody' });
    await expect(decode('zz\r\nhello\r\n0\r\n\r\n')).rejects.toMatchObject({ code: 'InvalidRequest' });
    await expect(decode('5\r\nhelloXX0\r\n\r\n')).rejects.toMatchObject({ code: 'InvalidRequest' });
    await expect(decode(SDK_BODY, SDK_BODY.length, 12)).rejects.toMatchObject({ code: 'IncompleteBody' });
  });
});

describe('isAwsChunked', () => {
  it('recognises the content encoding or a streaming x-amz-content-sha256', () => {
    expect(isAwsChunked({ 'content-encoding': 'gzip, aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(true);
    expect(isAwsChunked({ 'content-encoding': 'gzip', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
  });
});

describe('ChecksumVerifier', () => {
  const run = (data: string, headers: Record<string, string>) =>
    pipeline(Readable.from([Buffer.from(data)]), new ChecksumVerifier(expectedChecksums(headers, undefined)), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) void chunk;
    });

  it('accepts matching CRC32, SHA-1, SHA-256 and x-amz-content-sha256 values', async () => {
    await expect(run('hello world', {
      'x-amz-checksum-crc32': 'DUoRhQ==',
      'x-amz-checksum-sha1': 'Kq5sNclPz7QV2+lfQIuc6R7oRu0=',
      'x-amz-checksum-sha256': 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
      'x-amz-content-sha256': 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
    })).resolves.toBeUndefined();
  });

  it('fails the stream on a mismatch, with S3 codes', async () => {
    await expect(run('hello world!', { 'x-amz-checksum-crc32': 'DUoRhQ==' })).rejects.toMatchObject({ code: 'BadDigest' });
    await expect(run('hello', { 'x-amz-content-sha256': 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9' })).rejects.toMatchObject({ code: 'XAmzContentSHA256Mismatch' });
  });

  it('reads a trailer checksum at the end of the body', async () => {
    const trailers = new Map<string, string>();
    const verifier = new ChecksumVerifier(expectedChecksums({}, trailers));
    const done = pipeline(Readable.from([Buffer.from('hello world')]), verifier, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) void chunk;
    });
    trailers.set('x-amz-checksum-crc32', 'AAAAAA==');
    await expect(done).rejects.toMatchObject({ code: 'BadDigest' });
  });
});

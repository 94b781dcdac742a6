/**
 * Checks an upload against the checksums its client sent (x-amz-checksum-crc32/-sha1/-sha256 in a
 * header or an aws-chunked trailer, and a hex x-amz-content-sha256), as the bytes stream past.
 * A mismatch fails the stream, so nothing is stored. CRC32C and CRC64NVME are accepted unchecked:
 * Node has no implementation of them.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { S3Error } from './s3-error.js';

export type ChecksumAlgorithm = 'crc32' | 'sha1' | 'sha256';

export interface ExpectedChecksum {
  algorithm: ChecksumAlgorithm;
  encoding: 'base64' | 'hex';
  /** Read at the end of the body, when trailers are known. */
  value(): string | undefined;
  /** x-amz-content-sha256 mismatches have their own code. */
  code: 'BadDigest' | 'XAmzContentSHA256Mismatch';
}

export class ChecksumVerifier extends Transform {
  readonly #expected: readonly ExpectedChecksum[];
  readonly #hashes = new Map<ChecksumAlgorithm, Hash>();
  #crc = 0;

  constructor(expected: readonly ExpectedChecksum[]) {
    super();
    this.#expected = expected;
    for (const { algorithm } of expected) if (algorithm !== 'crc32') this.#hashes.set(algorithm, createHash(algorithm));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#expected.some((e) => e.algorithm === 'crc32')) this.#crc = crc32(chunk, this.#crc);
    for (const hash of this.#hashes.values()) hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const digests = new Map<ChecksumAlgorithm, Buffer>([...this.#hashes].map(([algorithm, hash]) => [algorithm, hash.digest()]));
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(this.#crc >>> 0);
    digests.set('crc32', crc);
    for (const expected of this.#expected) {
      const value = expected.value();
      if (value === undefined) continue;
      const actual = digests.get(expected.algorithm)!.toString(expected.encoding);
      if (actual !== (expected.encoding === 'hex' ? value.toLowerCase() : value)) {
        return callback(new S3Error(expected.code, {}, `The ${expected.algorithm.toUpperCase()} you specified did not match the calculated checksum.`));
      }
    }
    callback();
  }
}

/** The checksums to verify for a request with these headers; `trailers` are the aws-chunked ones. */
export function expectedChecksums(headers: Readonly<Record<string, string | string[] | undefined>>, trailers: ReadonlyMap<string, string> | undefined): ExpectedChecksum[] {
  const expected: ExpectedChecksum[] = [];
  for (const algorithm of ['crc32', 'sha1', 'sha256'] as const) {
    const name = `x-amz-checksum-${algorithm}`;
    const header = headers[name];
    if (typeof header === 'string') expected.push({ algorithm, encoding: 'base64', value: () => header, code: 'BadDigest' });
    else if (trailers) expected.push({ algorithm, encoding: 'base64', value: () => trailers.get(name), code: 'BadDigest' });
  }
  const contentSha = headers['x-amz-content-sha256'];
  if (typeof contentSha === 'string' && /^[0-9a-fA-F]{64}$/.test(contentSha)) {
    expected.push({ algorithm: 'sha256', encoding: 'hex', value: () => contentSha, code: 'XAmzContentSHA256Mismatch' });
  }
  return expected;
}

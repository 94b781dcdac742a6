/**
 * Streaming helpers of the object store: bytes into a file while their MD5 is computed (never
 * holding an object in memory), an existing file's MD5, and the public shape of an object.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PresentMeta } from './object-meta.js';

export interface ObjectInfo {
  bucket: string;
  key: string;
  size: number;
  /** Quoted hex MD5: `"5eb63bbbe01eeed093cb22bb8f5acdc3"`. */
  eTag: string;
  lastModified: Date;
  contentType: string;
  headers: Readonly<Record<string, string>>;
  userMetadata: Readonly<Record<string, string>>;
}

/** What a write sets besides the bytes. */
export interface ObjectAttributes {
  contentType?: string | undefined;
  headers?: Record<string, string>;
  userMetadata?: Record<string, string>;
}

export interface PutOptions extends ObjectAttributes {
  /** Content-MD5, base64: the write fails with BadDigest when the bytes differ. */
  contentMd5?: string | undefined;
  /** `If-None-Match: *`: fail with PreconditionFailed when the key exists. */
  ifNoneMatch?: string | undefined;
}

export function toObjectInfo(bucket: string, meta: PresentMeta): ObjectInfo {
  return {
    bucket,
    key: meta.key,
    size: meta.size,
    eTag: meta.eTag,
    lastModified: new Date(meta.lastModified),
    contentType: meta.contentType,
    headers: meta.headers,
    userMetadata: meta.userMetadata,
  };
}

export interface Written {
  size: number;
  md5: Buffer;
}

/** Streams `body` into `file`, hashing on the way; rejects (file left for the caller) if the body fails. */
export async function writeHashed(body: Readable, file: string): Promise<Written> {
  const hash = createHash('md5');
  let size = 0;
  await pipeline(
    body,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(file),
  );
  return { size, md5: hash.digest() };
}

/** The hex MD5 of a file's content, streamed. */
export async function md5OfFile(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `x-amz-request-id`: 16 upper-case hex digits, like S3's. */
export function newRequestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

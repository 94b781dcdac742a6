/**
 * Decodes an `aws-chunked` request body as it streams (reference/EVENTS.md §3.1): current SDKs
 * send stream bodies as `<hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0\r\n<trailers>\r\n\r\n`
 * with the checksum in a trailer. Only the data goes on; the trailers are kept for the checksum
 * check. Signatures are not checked, as nowhere in lambkin.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './s3-error.js';

const MAX_LINE_BYTES = 8192;

type State = 'size' | 'data' | 'data-end' | 'trailers' | 'done';

export class AwsChunkedDecoder extends Transform {
  /** Trailer headers (lower-case names), complete once the stream has ended. */
  readonly trailers = new Map<string, string>();
  readonly #expectedLength: number | undefined;
  #state: State = 'size';
  #line: Buffer[] = [];
  #lineBytes = 0;
  #remaining = 0;
  #decoded = 0;
  #crlf = 0;

  /** `expectedLength`: x-amz-decoded-content-length, checked at the end. */
  constructor(expectedLength?: number) {
    super();
    this.#expectedLength = expectedLength;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      let offset = 0;
      while (offset < chunk.length && this.#state !== 'done') offset = this.#step(chunk, offset);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    // The blank line after the trailers is sometimes left out: accept a body that ends right after them.
    const finished = this.#state === 'done' || (this.#state === 'trailers' && this.#lineBytes === 0);
    if (!finished) return callback(new S3Error('IncompleteBody', {}, 'The aws-chunked body ended before its last chunk'));
    if (this.#expectedLength !== undefined && this.#decoded !== this.#expectedLength) {
      return callback(new S3Error('IncompleteBody', {}, `x-amz-decoded-content-length is ${this.#expectedLength} but the chunks hold ${this.#decoded} bytes`));
    }
    callback();
  }

  /** Consumes what it can of `chunk` from `offset` in the current state; returns the new offset. */
  #step(chunk: Buffer, offset: number): number {
    switch (this.#state) {
      case 'data': {
        const end = Math.min(chunk.length, offset + this.#remaining);
        this.push(chunk.subarray(offset, end));
        this.#remaining -= end - offset;
        this.#decoded += end - offset;
        if (this.#remaining === 0) this.#state = 'data-end';
        return end;
      }
      case 'data-end': {
        const expected = this.#crlf === 0 ? 0x0d : 0x0a;
        if (chunk[offset] !== expected) throw malformed('a chunk is not followed by CRLF');
        if (++this.#crlf === 2) {
          this.#crlf = 0;
          this.#state = 'size';
        }
        return offset + 1;
      }
      default: {
        const newline = chunk.indexOf(0x0a, offset);
        const end = newline < 0 ? chunk.length : newline + 1;
        this.#lineBytes += end - offset;
        if (this.#lineBytes > MAX_LINE_BYTES) throw malformed('a chunk header or trailer line is too long');
        this.#line.push(chunk.subarray(offset, end));
        if (newline >= 0) this.#onLine(Buffer.concat(this.#line).toString('latin1').replace(/\r?\n$/, ''));
        return end;
      }
    }
  }

  #onLine(line: string): void {
    this.#line = [];
    this.#lineBytes = 0;
    if (this.#state === 'size') {
      const hex = line.split(';')[0]!.trim();
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw malformed(`bad chunk size line ${JSON.stringify(line.slice(0, 40))}`);
      this.#remaining = Number.parseInt(hex, 16);
      this.#state = this.#remaining === 0 ? 'trailers' : 'data';
      return;
    }
    if (line === '') {
      this.#state = 'done';
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`bad trailer line ${JSON.stringify(line.slice(0, 40))}`);
    this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
}

function malformed(why: string): S3Error {
  return new S3Error('InvalidRequest', {}, `Malformed aws-chunked body: ${why}`);
}

/** True when the request body is aws-chunked (either header says so). */
export function isAwsChunked(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

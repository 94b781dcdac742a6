/**
 * The object operations of the S3 API: PutObject (plain or aws-chunked bodies, checksums
 * verified as they stream), GetObject/HeadObject (ranges, conditions, response-* overrides),
 * DeleteObject and CopyObject. Bytes stream between the socket and the store, never whole.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { AwsChunkedDecoder, isAwsChunked } from './aws-chunked.js';
import { ChecksumVerifier, expectedChecksums } from './checksums.js';
import { evaluateConditions, parseRange } from './http-conditions.js';
import type { ObjectAttributes, ObjectInfo } from './object-io.js';
import { S3Error } from './s3-error.js';
import { header, sendEmpty, sendXml, writeHead, type S3Call } from './api-call.js';
import { textElement, xmlDocument } from './xml.js';

/** S3's largest single PUT. */
const MAX_PUT_BYTES = 5 * 1024 ** 3;
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'] as const;
const CHECKSUM_HEADERS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'].map((a) => `x-amz-checksum-${a}`);

/** Content type, stored headers and x-amz-meta-* of a PUT or a REPLACE copy. */
function attributesOf(call: S3Call): ObjectAttributes {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let value = header(call, name);
    // aws-chunked is how the body travelled, not how the object is encoded.
    if (name === 'content-encoding' && value !== undefined) value = value.split(',').map((e) => e.trim()).filter((e) => e !== 'aws-chunked').join(',');
    if (value) headers[name] = value;
  }
  const userMetadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) userMetadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  return { contentType: header(call, 'content-type'), headers, userMetadata };
}

function contentMd5(call: S3Call): string | undefined {
  const value = header(call, 'content-md5');
  if (value !== undefined && Buffer.from(value, 'base64').length !== 16) throw new S3Error('InvalidDigest');
  return value;
}

/** The request body as the user's bytes: aws-chunked framing removed, checksums verified at its end. */
function userBytes(call: S3Call): { body: Readable; checksums: () => Record<string, string> } {
  const chunked = isAwsChunked(call.headers);
  const declared = Number(header(call, chunked ? 'x-amz-decoded-content-length' : 'content-length') ?? 0);
  if (declared > MAX_PUT_BYTES) throw new S3Error('EntityTooLarge');
  const decoder = chunked ? new AwsChunkedDecoder(header(call, 'x-amz-decoded-content-length') === undefined ? undefined : declared) : undefined;
  const verifier = new ChecksumVerifier(expectedChecksums(call.headers, decoder?.trailers));
  // An error in any stage (a client gone mid-upload, a bad chunk) destroys the verifier, which the
  // store reads: the store reports it, so the callback has nothing left to do.
  const reported = () => undefined;
  if (decoder) pipeline(call.req, decoder, verifier, reported);
  else pipeline(call.req, verifier, reported);
  const checksums = () => Object.fromEntries(CHECKSUM_HEADERS.flatMap((name) => {
    const value = header(call, name) ?? decoder?.trailers.get(name);
    return value === undefined ? [] : [[name, value]];
  }));
  return { body: verifier, checksums };
}

export async function putObject(call: S3Call): Promise<void> {
  const { store, bucket, key } = call;
  // Refuse before reading a byte of the body: an unread body left in a pipe would stall the connection.
  store.buckets.assertExists(bucket!);
  store.assertKey(key);
  const md5 = contentMd5(call);
  const { body, checksums } = userBytes(call);
  const info = await store.put(bucket!, key, body, { ...attributesOf(call), contentMd5: md5, ifNoneMatch: header(call, 'if-none-match') }, call.ctx);
  sendEmpty(call, 200, { etag: info.eTag, ...checksums() });
}

function objectHeaders(call: S3Call, info: ObjectInfo): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': info.contentType,
    etag: info.eTag,
    'last-modified': info.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...info.headers,
  };
  for (const [name, value] of Object.entries(info.userMetadata)) headers[`x-amz-meta-${name}`] = value;
  // GetObject's response-* parameters override what is stored (presigned download links use them).
  for (const name of ['content-type', ...STORED_HEADERS]) {
    const override = call.query.get(`response-${name}`);
    if (override !== null) headers[name] = override;
  }
  return headers;
}

export async function getObject(call: S3Call): Promise<void> {
  const { info, handle } = await call.store.open(call.bucket!, call.key);
  let streaming = false;
  try {
    const condition = evaluateConditions(
      { ifMatch: header(call, 'if-match'), ifNoneMatch: header(call, 'if-none-match'), ifModifiedSince: header(call, 'if-modified-since'), ifUnmodifiedSince: header(call, 'if-unmodified-since') },
      info,
    );
    if (condition === 'precondition-failed') throw new S3Error('PreconditionFailed', { Condition: header(call, 'if-match') === undefined ? 'If-Unmodified-Since' : 'If-Match' });
    if (condition === 'not-modified') return sendEmpty(call, 304, { etag: info.eTag, 'last-modified': info.lastModified.toUTCString() });
    const rangeHeader = header(call, 'range');
    const range = parseRange(rangeHeader, info.size);
    if (range.kind === 'unsatisfiable') {
      throw new S3Error('InvalidRange', { RangeRequested: rangeHeader ?? '', ActualObjectSize: String(info.size) });
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, info.size - 1];
    const headers: Record<string, string> = { ...objectHeaders(call, info), 'content-length': String(Math.max(0, end - start + 1)) };
    if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${info.size}`;
    writeHead(call, range.kind === 'partial' ? 206 : 200, headers);
    if (call.req.method === 'HEAD' || info.size === 0) {
      call.res.end();
      return;
    }
    streaming = true;
    pipeline(handle.createReadStream({ start, end }), call.res, (err) => {
      if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') call.logger.warn(`s3: GET s3://${call.bucket}/${call.key}: ${err.message}`);
    });
  } finally {
    // The read stream closes the handle when it ends; otherwise it is closed here.
    if (!streaming) await handle.close();
  }
}

export async function deleteObject(call: S3Call): Promise<void> {
  await call.store.delete(call.bucket!, call.key, call.ctx);
  sendEmpty(call, 204);
}

/**
 * `x-amz-copy-source: [/]bucket/key[?versionId=...]`, URL-encoded whole or per segment (AWS's
 * own example encodes the `/` too). A `?` in the key arrives encoded, so a raw one starts the query.
 */
function copySource(value: string): { bucket: string; key: string } {
  let path: string;
  try {
    path = decodeURIComponent(value.replace(/\?.*$/, '')).replace(/^\//, '');
  } catch {
    throw new S3Error('InvalidArgument', { ArgumentName: 'x-amz-copy-source' }, 'x-amz-copy-source must be URL-encoded');
  }
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw new S3Error('InvalidArgument', { ArgumentName: 'x-amz-copy-source' }, 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey');
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export async function copyObject(call: S3Call): Promise<void> {
  const source = copySource(header(call, 'x-amz-copy-source')!);
  const directive = (header(call, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') throw new S3Error('InvalidArgument', { ArgumentName: 'x-amz-metadata-directive' }, 'Unknown metadata directive.');
  if (directive === 'COPY' && source.bucket === call.bucket && source.key === call.key) {
    throw new S3Error('InvalidRequest', {}, "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
  }
  const info = await call.store.copy(source, call.bucket!, call.key, directive === 'REPLACE' ? attributesOf(call) : undefined, call.ctx);
  sendXml(call, 200, xmlDocument('CopyObjectResult', textElement('LastModified', info.lastModified.toISOString()), textElement('ETag', info.eTag)));
}

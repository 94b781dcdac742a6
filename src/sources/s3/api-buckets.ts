/**
 * The bucket operations of the S3 API: ListBuckets, CreateBucket, HeadBucket, DeleteBucket,
 * GetBucketLocation, and DeleteObjects (a bucket-level POST).
 */
import { pipeline, type Readable } from 'node:stream';
import { AwsChunkedDecoder, isAwsChunked } from './aws-chunked.js';
import { header, sendEmpty, sendXml, type S3Call } from './api-call.js';
import { S3Error } from './s3-error.js';
import { element, escapeXml, parseDeleteRequest, textElement, xmlDocument } from './xml.js';

/** The owner lambkin shows for every bucket and object (there is one local account). */
export const OWNER = { id: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a', displayName: 'lambkin' };

export function ownerXml(): string {
  return element('Owner', textElement('ID', OWNER.id), textElement('DisplayName', OWNER.displayName));
}

/** A small request body (XML), aws-chunked framing removed. */
async function smallBody(call: S3Call, limit = 2 * 1024 * 1024): Promise<string> {
  // A failing request stream destroys the decoder, and the loop below reports it.
  const source: Readable = isAwsChunked(call.headers) ? pipeline(call.req, new AwsChunkedDecoder(), () => undefined) : call.req;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new S3Error('MalformedXML', {}, 'The XML you provided was larger than the maximum allowed');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function listBuckets(call: S3Call): Promise<void> {
  const buckets = await call.store.buckets.list();
  const items = buckets.map((b) => element('Bucket', textElement('Name', b.name), textElement('CreationDate', b.creationDate.toISOString())));
  sendXml(call, 200, xmlDocument('ListAllMyBucketsResult', ownerXml(), element('Buckets', ...items)));
}

export async function createBucket(call: S3Call): Promise<void> {
  // The body may name a LocationConstraint; lambkin has one region, so any is accepted.
  await smallBody(call);
  const created = await call.store.buckets.create(call.bucket!);
  // us-east-1 answers 200 to re-creating your own bucket, for legacy reasons (EVENTS.md §3.2).
  if (!created && call.region !== 'us-east-1') throw new S3Error('BucketAlreadyOwnedByYou', { BucketName: call.bucket! });
  sendEmpty(call, 200, { location: `/${call.bucket}` });
}

export async function headBucket(call: S3Call): Promise<void> {
  call.store.buckets.assertExists(call.bucket!);
  sendEmpty(call, 200, { 'x-amz-bucket-region': call.region });
}

export async function deleteBucket(call: S3Call): Promise<void> {
  await call.store.buckets.delete(call.bucket!);
  sendEmpty(call, 204);
}

export async function getBucketLocation(call: S3Call): Promise<void> {
  call.store.buckets.assertExists(call.bucket!);
  // us-east-1 is the empty constraint.
  const region = call.region === 'us-east-1' ? '' : call.region;
  sendXml(call, 200, xmlDocument('LocationConstraint', escapeXml(region)));
}

export async function deleteObjects(call: S3Call): Promise<void> {
  call.store.buckets.assertExists(call.bucket!);
  const request = parseDeleteRequest(await smallBody(call));
  const results: string[] = [];
  for (const { key, versionId } of request.objects) {
    try {
      await call.store.delete(call.bucket!, key, call.ctx);
      if (!request.quiet) results.push(element('Deleted', textElement('Key', key), textElement('VersionId', versionId)));
    } catch (err) {
      if (!(err instanceof S3Error)) throw err;
      results.push(element('Error', textElement('Key', key), textElement('VersionId', versionId), textElement('Code', err.code), textElement('Message', err.message)));
    }
  }
  sendXml(call, 200, xmlDocument('DeleteResult', ...results));
}

/** Only for the error message of an operation lambkin does not implement. */
export function describeRequest(call: S3Call): string {
  const subresources = [...call.query.keys()].filter((k) => k !== 'x-id');
  return `${call.req.method} ${call.key ? 'object' : 'bucket'}${subresources.length ? ` ?${subresources.join('&')}` : ''}${header(call, 'x-amz-copy-source') ? ' (copy)' : ''}`;
}

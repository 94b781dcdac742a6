/**
 * Builds the event S3 delivers to Lambda for one object change (reference/EVENTS.md §1.2),
 * and encodes object keys the way S3 writes them into that event. Pure: no I/O, no clock.
 */
import { createHash } from 'node:crypto';

export type ObjectCreatedEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload';
export type ObjectRemovedEventName = 'ObjectRemoved:Delete' | 'ObjectRemoved:DeleteMarkerCreated';
/** An `eventName` as it appears in the record: the configured type without its `s3:` prefix. */
export type ObjectEventName = ObjectCreatedEventName | ObjectRemovedEventName;

interface ObjectChangeBase {
  bucket: string;
  /** The raw S3 key as stored (`uploads/hello world.txt`); it is encoded only in the event. */
  key: string;
  /** Only for versioned buckets; the field is omitted otherwise, as in Lambda's own samples. */
  versionId?: string | undefined;
  /** Hex, increasing per bucket: see `nextSequencer` in sequencer.ts. */
  sequencer: string;
  /** When S3 finished the request. */
  time: Date;
  sourceIp: string;
  /** The `x-amz-request-id` the S3 API answered the request with. */
  requestId: string;
  /** The `x-amz-id-2` the API answered with; derived from `requestId` when absent (see `hostIdFor`). */
  hostId?: string | undefined;
}

/** One change from the store's feed. Deletes carry no size or ETag, so the type cannot hold them. */
export type ObjectChange =
  | (ObjectChangeBase & {
      kind: 'created';
      eventName: ObjectCreatedEventName;
      size: number;
      /** Hex MD5 (or multipart form); surrounding quotes, as sent in HTTP headers, are dropped. */
      eTag: string;
    })
  | (ObjectChangeBase & { kind: 'removed'; eventName: ObjectRemovedEventName });

export interface S3EventSettings {
  /** The bucket's Region: lambkin's configured region. */
  region: string;
  /** The notification configuration's Id, one per function trigger. */
  configurationId: string;
  /** Requester shown in `userIdentity.principalId`. */
  principalId?: string | undefined;
  /** Bucket owner shown in `s3.bucket.ownerIdentity.principalId`. */
  ownerPrincipalId?: string | undefined;
}

// Placeholders identical to events/s3-put.json: lambkin has no IAM, and tests compare against the sample.
export const DEFAULT_PRINCIPAL_ID = 'AWS:AIDAEXAMPLEUSERID1234';
export const DEFAULT_OWNER_PRINCIPAL_ID = 'A3NL1KOZZKEXAMPLE';

export interface S3EventObject {
  key: string;
  size?: number;
  eTag?: string;
  versionId?: string;
  sequencer: string;
}

/** Field names and order as in EVENTS.md §1.2 and `@types/aws-lambda`'s `S3EventRecord`. */
export interface S3EventRecord {
  eventVersion: string;
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: ObjectEventName;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: '1.0';
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: S3EventObject;
  };
}

export interface S3Event {
  Records: S3EventRecord[];
}

/** The event for one change. S3 sends one record per message (EVENTS.md §1.1). */
export function toS3Event(change: ObjectChange, settings: S3EventSettings): S3Event {
  return { Records: [toS3EventRecord(change, settings)] };
}

export function toS3EventRecord(change: ObjectChange, settings: S3EventSettings): S3EventRecord {
  return {
    // 2.1 is the version of ordinary object events; 2.2/2.3 are replication and lifecycle ones.
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: settings.region,
    eventTime: change.time.toISOString(),
    eventName: change.eventName,
    userIdentity: { principalId: settings.principalId ?? DEFAULT_PRINCIPAL_ID },
    requestParameters: { sourceIPAddress: change.sourceIp },
    responseElements: {
      'x-amz-request-id': change.requestId,
      'x-amz-id-2': change.hostId ?? hostIdFor(change.requestId),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: settings.configurationId,
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: settings.ownerPrincipalId ?? DEFAULT_OWNER_PRINCIPAL_ID },
        arn: `arn:aws:s3:::${change.bucket}`,
      },
      object: toEventObject(change),
    },
  };
}

function toEventObject(change: ObjectChange): S3EventObject {
  // In the reference's field order (key, size, eTag, versionId, sequencer) so that
  // JSON.stringify of an event reads like AWS's. Deletes have only key, versionId and sequencer.
  return {
    key: encodeS3EventKey(change.key),
    ...(change.kind === 'created' ? { size: change.size, eTag: unquote(change.eTag) } : {}),
    ...(change.versionId !== undefined ? { versionId: change.versionId } : {}),
    sequencer: change.sequencer,
  };
}

function unquote(eTag: string): string {
  return eTag.length >= 2 && eTag.startsWith('"') && eTag.endsWith('"') ? eTag.slice(1, -1) : eTag;
}

// Form encoding as Java's URLEncoder does it (S3 says the key is URL-encoded like
// application/x-www-form-urlencoded): letters, digits and `-_.*` stay, a space becomes `+`, every
// other byte of the UTF-8 form becomes %XX in upper case. `/` stays too: real S3 events show keys
// with unencoded separators (EVENTS.md §1.2, observed), although the form rules would encode it.
const KEPT = /^[A-Za-z0-9\-_.*/]$/;

/** A raw key as S3 writes it into `s3.object.key`: `red flower (1).jpg` -> `red+flower+%281%29.jpg`. */
export function encodeS3EventKey(key: string): string {
  let encoded = '';
  for (const char of key) {
    if (char === ' ') encoded += '+';
    else if (KEPT.test(char)) encoded += char;
    else encoded += percentEncode(char);
  }
  return encoded;
}

const UTF8 = new TextEncoder();

function percentEncode(char: string): string {
  let out = '';
  for (const byte of UTF8.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/**
 * The inverse, what handlers do (`decodeURIComponent(key.replace(/\+/g, ' '))`, EVENTS.md §1.2).
 * Throws URIError on a malformed %-sequence, as decodeURIComponent does.
 */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/**
 * A stable `x-amz-id-2` for a request id. S3's value is an opaque base64 host id; deriving it from
 * the request id lets the API's response header and the notification agree without sharing state.
 */
export function hostIdFor(requestId: string): string {
  return createHash('sha256').update(`lambkin:${requestId}`).digest('base64');
}

/**
 * ListObjectsV2 (`GET /{bucket}?list-type=2`) and the older ListObjects, over listPage():
 * prefix, delimiter, max-keys, continuation-token / start-after (V2) or marker (V1),
 * fetch-owner and encoding-type=url (EVENTS.md §3.3).
 */
import { sendXml, type S3Call } from './api-call.js';
import { ownerXml } from './api-buckets.js';
import { decodeContinuationToken, encodeContinuationToken, listPage, type ListPage } from './list-objects.js';
import { S3Error } from './s3-error.js';
import { encodeS3EventKey } from './to-event.js';
import { element, textElement, xmlDocument } from './xml.js';

const MAX_KEYS = 1000;

function maxKeysOf(call: S3Call): number {
  const raw = call.query.get('max-keys');
  if (raw === null) return MAX_KEYS;
  if (!/^\d+$/.test(raw)) throw new S3Error('InvalidArgument', { ArgumentName: 'max-keys', ArgumentValue: raw }, 'Provided max-keys not an integer or within integer range');
  return Math.min(Number(raw), MAX_KEYS);
}

interface Common {
  prefix: string;
  delimiter: string | undefined;
  maxKeys: number;
  /** encoding-type=url: keys, prefixes, delimiter and start-after URL-encoded in the answer. */
  encode: (value: string | undefined) => string | undefined;
}

function commonParams(call: S3Call): Common {
  const encodingType = call.query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') throw new S3Error('InvalidArgument', { ArgumentName: 'encoding-type', ArgumentValue: encodingType }, 'Invalid Encoding Method specified in Request');
  // S3's url encoding is the form encoding of event keys (space as +, / kept); see to-event.ts.
  const encode = (value: string | undefined) => (value === undefined || encodingType === null ? value : encodeS3EventKey(value));
  return { prefix: call.query.get('prefix') ?? '', delimiter: call.query.get('delimiter') || undefined, maxKeys: maxKeysOf(call), encode };
}

async function contentsXml(call: S3Call, page: ListPage, common: Common, withOwner: boolean): Promise<string[]> {
  const contents: string[] = [];
  for (const key of page.keys) {
    const info = await call.store.head(call.bucket!, key).catch((err: unknown) => {
      // Deleted between the walk and now: a listing is a snapshot, leave it out.
      if (err instanceof S3Error && err.code === 'NoSuchKey') return undefined;
      throw err;
    });
    if (!info) continue;
    contents.push(element(
      'Contents',
      textElement('Key', common.encode(key)),
      textElement('LastModified', info.lastModified.toISOString()),
      textElement('ETag', info.eTag),
      textElement('Size', info.size),
      withOwner ? ownerXml() : '',
      textElement('StorageClass', 'STANDARD'),
    ));
  }
  const prefixes = page.commonPrefixes.map((prefix) => element('CommonPrefixes', textElement('Prefix', common.encode(prefix))));
  return [...contents, ...prefixes];
}

export async function listObjectsV2(call: S3Call): Promise<void> {
  const common = commonParams(call);
  const token = call.query.get('continuation-token') ?? undefined;
  const startAfter = call.query.get('start-after') ?? undefined;
  const fromToken = token === undefined ? undefined : decodeContinuationToken(token);
  if (token !== undefined && fromToken === undefined) throw new S3Error('InvalidArgument', { ArgumentName: 'continuation-token' }, 'The continuation token provided is incorrect');
  const keys = await call.store.listKeys(call.bucket!, common.prefix);
  const page = listPage(keys, { ...common, after: fromToken ?? startAfter });
  const entries = await contentsXml(call, page, common, call.query.get('fetch-owner') === 'true');
  sendXml(call, 200, xmlDocument(
    'ListBucketResult',
    textElement('Name', call.bucket),
    textElement('Prefix', common.encode(common.prefix)),
    textElement('ContinuationToken', token),
    textElement('StartAfter', common.encode(startAfter)),
    // KeyCount counts the common prefixes too, as max-keys does (UNCONFIRMED in EVENTS.md §3.3).
    textElement('KeyCount', page.keys.length + page.commonPrefixes.length),
    textElement('MaxKeys', common.maxKeys),
    textElement('Delimiter', common.encode(common.delimiter)),
    textElement('EncodingType', call.query.get('encoding-type') ?? undefined),
    textElement('IsTruncated', page.isTruncated),
    textElement('NextContinuationToken', page.isTruncated && page.last !== undefined ? encodeContinuationToken(page.last) : undefined),
    ...entries,
  ));
}

export async function listObjectsV1(call: S3Call): Promise<void> {
  const common = commonParams(call);
  const marker = call.query.get('marker') ?? '';
  const keys = await call.store.listKeys(call.bucket!, common.prefix);
  const page = listPage(keys, { ...common, after: marker === '' ? undefined : marker });
  const entries = await contentsXml(call, page, common, true);
  sendXml(call, 200, xmlDocument(
    'ListBucketResult',
    textElement('Name', call.bucket),
    textElement('Prefix', common.encode(common.prefix)),
    textElement('Marker', common.encode(marker)),
    textElement('MaxKeys', common.maxKeys),
    textElement('Delimiter', common.encode(common.delimiter)),
    textElement('EncodingType', call.query.get('encoding-type') ?? undefined),
    textElement('IsTruncated', page.isTruncated),
    // V1 names the next marker only with a delimiter; without one, clients continue from the last key.
    textElement('NextMarker', page.isTruncated && common.delimiter !== undefined ? common.encode(page.last) : undefined),
    ...entries,
  ));
}

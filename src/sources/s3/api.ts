/**
 * The S3 REST API on lambkin's AWS endpoint (reference/EVENTS.md §3), enough for
 * `@aws-sdk/client-s3`: path-style `/{bucket}/{key}` and virtual-hosted `{bucket}.localhost`.
 * Signatures are accepted without checking. It is the endpoint's catch-all service (mount
 * path ''), so it answers every request the other services leave, with S3's XML errors.
 * Every change goes through the ObjectStore; this module only speaks HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsService } from '../../aws/endpoint.js';
import { errorDetail } from '../../errors.js';
import type { Logger } from '../../log.js';
import { copyObject, deleteObject, getObject, putObject } from './api-objects.js';
import { createBucket, deleteBucket, deleteObjects, describeRequest, getBucketLocation, headBucket, listBuckets } from './api-buckets.js';
import { header, parseTarget, sendError, type S3Call } from './api-call.js';
import { listObjectsV1, listObjectsV2 } from './api-list.js';
import { newRequestId } from './object-io.js';
import { S3Error } from './s3-error.js';
import type { ObjectStore } from './store.js';

export interface S3ApiOptions {
  store: ObjectStore;
  /** The region buckets are in: the config's, read per request so that a config reload applies. */
  region(): string;
  logger: Logger;
}

type Operation = (call: S3Call) => Promise<void>;

// Sub-resources of S3 that lambkin does not implement; a request naming one gets NotImplemented
// rather than being mistaken for a plain object or bucket operation.
const UNSUPPORTED = new Set([
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'encryption', 'intelligent-tiering', 'inventory', 'legal-hold',
  'lifecycle', 'logging', 'metrics', 'notification', 'object-lock', 'ownershipControls', 'partNumber', 'policy',
  'policyStatus', 'publicAccessBlock', 'replication', 'requestPayment', 'restore', 'retention', 'select', 'tagging',
  'torrent', 'uploadId', 'uploads', 'versioning', 'versions', 'website',
]);

function operationFor(call: S3Call): Operation | undefined {
  const method = call.req.method ?? 'GET';
  const has = (name: string) => call.query.has(name);
  if ([...call.query.keys()].some((name) => UNSUPPORTED.has(name))) return undefined;
  if (call.bucket === undefined) return method === 'GET' ? listBuckets : undefined;
  if (call.key === '') {
    switch (method) {
      case 'PUT': return createBucket;
      case 'HEAD': return headBucket;
      case 'DELETE': return deleteBucket;
      case 'POST': return has('delete') ? deleteObjects : undefined;
      case 'GET': return has('location') ? getBucketLocation : call.query.get('list-type') === '2' ? listObjectsV2 : listObjectsV1;
      default: return undefined;
    }
  }
  switch (method) {
    case 'PUT': return header(call, 'x-amz-copy-source') === undefined ? putObject : copyObject;
    case 'GET':
    case 'HEAD': return getObject;
    case 'DELETE': return deleteObject;
    default: return undefined;
  }
}

export function s3Service(options: S3ApiOptions): AwsService {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const call = {
      req, res, headers: req.headers, store: options.store, region: options.region(), logger: options.logger,
      ctx: { requestId: newRequestId(), sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1' },
      bucket: undefined, key: '', query: new URLSearchParams(),
    } as S3Call;
    handle(call).catch((err: unknown) => {
      if (err instanceof S3Error) return sendError(call, err);
      options.logger.error(`s3: ${req.method} ${req.url}: ${errorDetail(err)}`);
      sendError(call, new S3Error('InternalError', {}, `lambkin could not complete this request: ${err instanceof Error ? err.message : String(err)}`));
    });
  };
  return { mountPath: '', handler };
}

async function handle(call: S3Call): Promise<void> {
  Object.assign(call, parseTarget(call.req.url ?? '/', header(call, 'host')));
  const operation = operationFor(call);
  if (!operation) throw new S3Error('NotImplemented', {}, `lambkin's S3 does not implement ${describeRequest(call)}`);
  await operation(call);
}

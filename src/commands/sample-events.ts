/**
 * Sample events for `lambkin event`, built by the sources' own event builders (toS3Event,
 * toApiGatewayV1Event/V2Event, toScheduledEvent) from a made-up input, so a sample can never drift
 * from what the sources send. Only the input is invented here; no field of an event is.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import { DEFAULT_PORT } from './args.js';
import { createGatewayRequest, type HeaderPair, type PayloadVersion } from '../sources/http/request.js';
import { gatewayEventFor, newRequestIds } from '../sources/http/gateway-event.js';
import { createRouter } from '../sources/http/routes.js';
import type { ApiGatewayV1Event } from '../sources/http/to-event-v1.js';
import type { ApiGatewayV2Event } from '../sources/http/to-event-v2.js';
import { newRequestId } from '../sources/s3/object-io.js';
import { nextSequencer } from '../sources/s3/sequencer.js';
import { toS3Event, type ObjectChange, type S3Event } from '../sources/s3/to-event.js';
import { toScheduledEvent, type ScheduledEvent } from '../sources/schedule/to-event.js';

export const SAMPLE_KINDS = ['s3-put', 's3-delete', 'http', 'rest', 'schedule'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export interface SampleAccount {
  region: string;
  accountId: string;
  now: Date;
}

export interface S3SampleInput {
  bucket: string;
  key: string;
  /** Bytes; put events only. */
  size: number;
}

export interface HttpSampleInput {
  method: string;
  /** Path with an optional query string: `/pets/42?include=owner`. */
  path: string;
  body: string | undefined;
  /** The route it matched (`GET /pets/{petId}`); default: the literal method and path. */
  route: string | undefined;
  headers: readonly HeaderPair[];
}

/** `lambkin dev` serves API Gateway on 127.0.0.1:3000 unless told otherwise. */
const DEV_PORT = DEFAULT_PORT;
const DEV_HOST = `localhost:${DEV_PORT}`;
const LOCAL_IP = '127.0.0.1';
/** The notification configuration id the samples claim to come from. */
export const SAMPLE_CONFIGURATION_ID = 'lambkin-sample';

export function sampleS3Event(kind: 's3-put' | 's3-delete', input: S3SampleInput, account: SampleAccount): S3Event {
  const base = {
    bucket: input.bucket,
    key: input.key,
    sequencer: nextSequencer(undefined, account.now),
    time: account.now,
    sourceIp: LOCAL_IP,
    requestId: newRequestId(),
  };
  // No object is at hand, so the ETag is the MD5 of a stand-in: right form, made-up value.
  const eTag = createHash('md5').update(`${input.bucket}/${input.key}:${input.size}`).digest('hex');
  const change: ObjectChange =
    kind === 's3-put'
      ? { ...base, kind: 'created', eventName: 'ObjectCreated:Put', size: input.size, eTag }
      : { ...base, kind: 'removed', eventName: 'ObjectRemoved:Delete' };
  return toS3Event(change, { region: account.region, configurationId: SAMPLE_CONFIGURATION_ID });
}

/** What API Gateway on `lambkin dev` would hand the function for that request (http: 2.0, rest: 1.0). */
export function sampleHttpEvent(kind: 'http' | 'rest', input: HttpSampleInput, account: SampleAccount): ApiGatewayV1Event | ApiGatewayV2Event {
  const payload: PayloadVersion = kind === 'rest' ? '1.0' : '2.0';
  const body = input.body === undefined ? undefined : Buffer.from(input.body);
  const rawHeaders: HeaderPair[] = [
    ['Host', DEV_HOST],
    ['User-Agent', 'lambkin-event'],
    ['Accept', '*/*'],
    ...(body === undefined ? [] : ([['Content-Type', contentTypeOf(input.body ?? '')], ['Content-Length', String(body.length)]] as HeaderPair[])),
    ...input.headers,
  ];
  const request = createGatewayRequest({
    method: input.method,
    target: input.path.startsWith('/') ? input.path : `/${input.path}`,
    rawHeaders,
    body,
    sourceIp: LOCAL_IP,
    requestTimeEpochMs: account.now.getTime(),
    ...newRequestIds(),
  });
  const routeKey = input.route ?? `${request.method} ${request.path}`;
  const match = matchRoute(routeKey, payload, request.method, request.path);
  return gatewayEventFor({ request, match, payload, port: DEV_PORT, region: account.region, accountId: account.accountId });
}

/** A rule firing now: EventBridge fires on the minute, so the time is the current minute. */
export function sampleScheduledEvent(ruleName: string, account: SampleAccount): ScheduledEvent {
  if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(ruleName)) {
    throw new UsageError(`--rule ${ruleName}: an EventBridge rule name is 1 to 64 letters, digits, '.', '-' or '_'`);
  }
  const minute = new Date(Math.floor(account.now.getTime() / 60_000) * 60_000);
  return toScheduledEvent({ time: minute, region: account.region, accountId: account.accountId, ruleName });
}

function matchRoute(routeKey: string, payload: PayloadVersion, method: string, path: string) {
  let router;
  try {
    router = createRouter([{ routeKey, functionName: 'sample', payload }]);
  } catch (err) {
    throw new UsageError(`--route ${routeKey}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const match = router.match(method, path);
  if (!match) throw new UsageError(`--route ${routeKey} does not match ${method} ${path}`);
  return match;
}

function contentTypeOf(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'text/plain';
  }
}

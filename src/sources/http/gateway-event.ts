/**
 * The event API Gateway hands a function for one routed request: the request with the
 * headers API Gateway adds (X-Forwarded-*, X-Amzn-Trace-Id), the API's settings, and the
 * payload version's builder. The server and `lambkin event` both build events here.
 */
import { randomFillSync } from 'node:crypto';
import { v4 as uuidv4 } from 'uuid';
import { extendedRequestIdFromBytes, traceIdFor, withForwardedHeaders, type GatewayRequest, type PayloadVersion } from './request.js';
import type { MatchedRoute } from './routes.js';
import { defaultGatewaySettings, type GatewaySettings } from './settings.js';
import { toApiGatewayV1Event, type ApiGatewayV1Event } from './to-event-v1.js';
import { toApiGatewayV2Event, type ApiGatewayV2Event } from './to-event-v2.js';

/** Random bytes handed out from a pooled buffer: one draw of entropy per 4 KB, not one per id. */
const pool = Buffer.allocUnsafe(4096);
let poolUsed = pool.length;
function randomBytesFromPool(count: number): Buffer {
  if (poolUsed + count > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  poolUsed += count;
  return pool.subarray(poolUsed - count, poolUsed);
}

/** A request's two ids: REST's UUID and HTTP API's short base64 one. */
export function newRequestIds(): { requestId: string; extendedRequestId: string } {
  return { requestId: uuidv4(), extendedRequestId: extendedRequestIdFromBytes(randomBytesFromPool(11)) };
}

export interface GatewayEventInput {
  request: GatewayRequest;
  match: MatchedRoute;
  payload: PayloadVersion;
  /** The port the client connected to (X-Forwarded-Port). */
  port: number;
  region: string;
  accountId: string;
}

export function gatewayEventFor(input: GatewayEventInput): ApiGatewayV1Event | ApiGatewayV2Event {
  const { request, match, payload } = input;
  const forwarded = withForwardedHeaders(request, { port: input.port, proto: 'http', traceId: traceIdFor(request.requestTimeEpochMs, randomBytesFromPool(12).toString('hex')) });
  const settings = settingsFor(input.region, input.accountId, payload);
  return payload === '1.0' ? toApiGatewayV1Event(forwarded, match, settings) : toApiGatewayV2Event(forwarded, match, settings);
}

/** The same few settings serve every request: built once per region, account and payload version. */
const settingsCache = new Map<string, GatewaySettings>();
function settingsFor(region: string, accountId: string, payload: PayloadVersion): GatewaySettings {
  const key = `${region}|${accountId}|${payload}`;
  let settings = settingsCache.get(key);
  if (settings === undefined) {
    settings = Object.freeze({ ...defaultGatewaySettings(region, payload), accountId });
    settingsCache.set(key, settings);
  }
  return settings;
}

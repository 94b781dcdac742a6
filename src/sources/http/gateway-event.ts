/**
 * The event API Gateway hands a function for one routed request: the request with the
 * headers API Gateway adds (X-Forwarded-*, X-Amzn-Trace-Id), the API's settings, and the
 * payload version's builder. The server and `lambkin event` both build events here.
 */
import { v4 as uuidv4 } from 'uuid';
import { extendedRequestIdFromBytes, traceIdFor, withForwardedHeaders, type GatewayRequest, type PayloadVersion } from './request.js';
import type { MatchedRoute } from './routes.js';
import { defaultGatewaySettings } from './settings.js';
import { toApiGatewayV1Event, type ApiGatewayV1Event } from './to-event-v1.js';
import { toApiGatewayV2Event, type ApiGatewayV2Event } from './to-event-v2.js';

/** Random hex from v4 UUIDs, which Node draws from a cached batch of entropy (cheap per call). */
function randomHex(length: number): string {
  return (uuidv4() + uuidv4()).replaceAll('-', '').slice(0, length);
}

/** A request's two ids: REST's UUID and HTTP API's short base64 one. */
export function newRequestIds(): { requestId: string; extendedRequestId: string } {
  return { requestId: uuidv4(), extendedRequestId: extendedRequestIdFromBytes(Buffer.from(randomHex(22), 'hex')) };
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
  const forwarded = withForwardedHeaders(request, { port: input.port, proto: 'http', traceId: traceIdFor(request.requestTimeEpochMs, randomHex(24)) });
  const settings = { ...defaultGatewaySettings(input.region, payload), accountId: input.accountId };
  return payload === '1.0' ? toApiGatewayV1Event(forwarded, match, settings) : toApiGatewayV2Event(forwarded, match, settings);
}

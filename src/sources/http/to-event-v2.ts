/**
 * Builds the payload format 2.0 event: an HTTP API Lambda proxy request (reference §2, samples
 * events/apigw-http-get.json and apigw-http-post-json.json). Absent parts are omitted, not null.
 */
import {
  decodeComponent,
  formatClfTime,
  groupByName,
  isHttpApiTextType,
  mediaTypeOf,
  parseQueryString,
  queryPairs,
} from './event-parts.js';
import type { GatewayRequest } from './request.js';
import type { MatchedRoute } from './routes.js';
import { domainNameFor, domainPrefixOf } from './settings.js';
import type { GatewaySettings } from './settings.js';

export interface ApiGatewayV2RequestContext {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
  requestId: string;
  routeKey: string;
  stage: string;
  time: string;
  timeEpoch: number;
}

export interface ApiGatewayV2Event {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: ApiGatewayV2RequestContext;
  pathParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  stageVariables?: Record<string, string>;
}

export function toApiGatewayV2Event(
  request: GatewayRequest,
  route: MatchedRoute,
  settings: GatewaySettings,
): ApiGatewayV2Event {
  // Real HTTP APIs hand over the path percent-decoded in rawPath and http.path (honojs/hono#2156,
  // wakujs/waku#458), unlike REST; rawQueryString stays encoded (ministackorg/ministack#1035).
  const rawPath = decodeComponent(request.path);
  const headers = readHeaders(request);
  const query = request.rawQueryString === '' ? undefined : groupByName(queryPairs(parseQueryString(request.rawQueryString, { semicolons: false })));
  const body = encodeBody(request, headers.contentType);
  const event: ApiGatewayV2Event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString: request.rawQueryString,
    ...(headers.cookies.length > 0 ? { cookies: headers.cookies } : {}),
    headers: headers.joined,
    ...(query !== undefined && query.size > 0 ? { queryStringParameters: joinValues(query) } : {}),
    requestContext: requestContextV2(request, route, settings, rawPath, headers.userAgent),
    ...(route.pathParameters !== undefined ? { pathParameters: { ...route.pathParameters } } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: body !== undefined && !isHttpApiTextType(mediaTypeOf(headers.contentType)),
  };
  const stageVariables = settings.stageVariables ?? {};
  if (Object.keys(stageVariables).length > 0) event.stageVariables = { ...stageVariables };
  return event;
}

function requestContextV2(
  request: GatewayRequest,
  route: MatchedRoute,
  settings: GatewaySettings,
  rawPath: string,
  userAgent: string | undefined,
): ApiGatewayV2RequestContext {
  const domainName = domainNameFor(request.host, settings);
  return {
    accountId: settings.accountId,
    apiId: settings.apiId,
    domainName,
    domainPrefix: domainPrefixOf(domainName),
    http: {
      method: request.method,
      path: rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      // AWS types userAgent as a string; with no User-Agent header we send ''.
      userAgent: userAgent ?? '',
    },
    requestId: request.extendedRequestId,
    routeKey: route.routeKey,
    stage: settings.stage,
    time: formatClfTime(request.requestTimeEpochMs),
    timeEpoch: request.requestTimeEpochMs,
  };
}

interface V2Headers {
  /** Lower-cased names, repeated headers joined with `,`; without the cookie header. */
  joined: Record<string, string>;
  /** Each `name=value` from every Cookie header, in order (reference §2). */
  cookies: string[];
  userAgent: string | undefined;
  contentType: string | undefined;
}

/** Everything the event takes from the headers, in one pass (this runs for every request). */
function readHeaders(request: GatewayRequest): V2Headers {
  const joined = new Map<string, string>();
  const cookies: string[] = [];
  let userAgent: string | undefined;
  let contentType: string | undefined;
  for (const [rawName, value] of request.rawHeaders) {
    const name = rawName.toLowerCase();
    if (name === 'cookie') {
      for (const cookie of value.split(';')) {
        const trimmed = cookie.trim();
        if (trimmed !== '') cookies.push(trimmed);
      }
      continue;
    }
    if (name === 'user-agent') userAgent ??= value;
    else if (name === 'content-type') contentType ??= value;
    const previous = joined.get(name);
    joined.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  return { joined: Object.fromEntries(joined), cookies, userAgent, contentType };
}

function joinValues(groups: Map<string, string[]>): Record<string, string> {
  return Object.fromEntries([...groups].map(([name, values]) => [name, values.join(',')]));
}

/** Omitted when empty; text types as UTF-8, everything else base64 (reference §3). */
function encodeBody(request: GatewayRequest, contentType: string | undefined): string | undefined {
  if (request.body.length === 0) return undefined;
  return request.body.toString(isHttpApiTextType(mediaTypeOf(contentType)) ? 'utf8' : 'base64');
}

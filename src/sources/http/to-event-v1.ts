/**
 * Builds the payload format 1.0 event: a REST API Lambda proxy request (reference §1, sample
 * events/apigw-rest-get.json). lambkin's 1.0 routes are REST routes, so there is no `version` key.
 */
import {
  formatClfTime,
  groupByName,
  matchesMediaTypes,
  mediaTypeOf,
  parseQueryString,
  queryPairs,
  resourceIdFor,
} from './event-parts.js';
import { firstHeader, userAgentOf } from './request.js';
import type { GatewayRequest } from './request.js';
import type { MatchedRoute } from './routes.js';
import { domainNameFor, domainPrefixOf } from './settings.js';
import type { GatewaySettings } from './settings.js';

export interface ApiGatewayV1Identity {
  cognitoIdentityPoolId: null;
  accountId: null;
  cognitoIdentityId: null;
  caller: null;
  sourceIp: string;
  principalOrgId: null;
  accessKey: null;
  cognitoAuthenticationType: null;
  cognitoAuthenticationProvider: null;
  userArn: null;
  userAgent: string | null;
  user: null;
}

export interface ApiGatewayV1RequestContext {
  resourceId: string;
  resourcePath: string;
  httpMethod: string;
  extendedRequestId: string;
  requestTime: string;
  /** Includes the stage: `/prod/pets/42`. */
  path: string;
  accountId: string;
  protocol: string;
  stage: string;
  domainPrefix: string;
  requestTimeEpoch: number;
  requestId: string;
  identity: ApiGatewayV1Identity;
  domainName: string;
  apiId: string;
}

export interface ApiGatewayV1Event {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: ApiGatewayV1RequestContext;
  body: string | null;
  isBase64Encoded: boolean;
}

export function toApiGatewayV1Event(
  request: GatewayRequest,
  route: MatchedRoute,
  settings: GatewaySettings,
): ApiGatewayV1Event {
  // A `$default` route has no resource; like HTTP API's 1.0 events we report the request path.
  const resource = route.resourcePath ?? request.path;
  const headers = multiValue(groupByName(request.rawHeaders));
  const query = multiValue(groupByName(queryPairs(parseQueryString(request.rawQueryString, { semicolons: true }))));
  const body = encodeBody(request, settings.binaryMediaTypes ?? []);
  return {
    resource,
    // REST passes the path still percent-encoded and without the stage (reference §1; middleapi/standard-server#93).
    path: request.path,
    httpMethod: request.method,
    headers: lastValues(headers),
    multiValueHeaders: headers,
    // Repeated keys: the single-value map keeps the last value (SAM; reference §1, UNCONFIRMED wording).
    queryStringParameters: lastValues(query),
    multiValueQueryStringParameters: query,
    pathParameters: route.pathParameters === undefined ? null : { ...route.pathParameters },
    stageVariables: nonEmpty(settings.stageVariables),
    requestContext: requestContextV1(request, resource, settings),
    body: body.text,
    isBase64Encoded: body.isBase64Encoded,
  };
}

function requestContextV1(request: GatewayRequest, resource: string, settings: GatewaySettings): ApiGatewayV1RequestContext {
  const domainName = domainNameFor(request.host, settings);
  return {
    resourceId: resourceIdFor(resource),
    resourcePath: resource,
    httpMethod: request.method,
    extendedRequestId: request.extendedRequestId,
    requestTime: formatClfTime(request.requestTimeEpochMs),
    path: `/${settings.stage}${request.path}`,
    accountId: settings.accountId,
    protocol: request.protocol,
    stage: settings.stage,
    domainPrefix: domainPrefixOf(domainName),
    requestTimeEpoch: request.requestTimeEpochMs,
    requestId: request.requestId,
    identity: identityOf(request),
    domainName,
    apiId: settings.apiId,
  };
}

function identityOf(request: GatewayRequest): ApiGatewayV1Identity {
  return {
    cognitoIdentityPoolId: null,
    accountId: null,
    cognitoIdentityId: null,
    caller: null,
    sourceIp: request.sourceIp,
    principalOrgId: null,
    accessKey: null,
    cognitoAuthenticationType: null,
    cognitoAuthenticationProvider: null,
    userArn: null,
    userAgent: userAgentOf(request) ?? null,
    user: null,
  };
}

/**
 * REST passes the body as UTF-8 text unless its Content-Type matches one of the API's
 * binaryMediaTypes, then as base64 (reference §3). An empty body is `null`.
 */
function encodeBody(request: GatewayRequest, binaryMediaTypes: readonly string[]): { text: string | null; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { text: null, isBase64Encoded: false };
  const mediaType = mediaTypeOf(firstHeader(request, 'content-type'));
  if (matchesMediaTypes(mediaType, binaryMediaTypes)) return { text: request.body.toString('base64'), isBase64Encoded: true };
  return { text: request.body.toString('utf8'), isBase64Encoded: false };
}

// Object.fromEntries, not assignment: a client-sent name like `__proto__` must stay a plain key.
function multiValue(groups: Map<string, string[]>): Record<string, string[]> | null {
  return groups.size === 0 ? null : Object.fromEntries(groups);
}

function lastValues(groups: Record<string, string[]> | null): Record<string, string> | null {
  if (groups === null) return null;
  return Object.fromEntries(Object.entries(groups).map(([name, values]) => [name, values.at(-1) ?? '']));
}

function nonEmpty(record: Readonly<Record<string, string>> | undefined): Record<string, string> | null {
  return record === undefined || Object.keys(record).length === 0 ? null : { ...record };
}

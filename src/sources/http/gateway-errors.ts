/**
 * The responses API Gateway produces itself, without the function's say: no route, a failed or
 * malformed integration, timeouts, throttling, oversized requests. Status, body and headers per
 * API type are pinned by tests; the facts are in reference/APIGATEWAY.md §6.
 */
import type { ApiKind } from './request.js';
import type { GatewayResponse } from './response.js';

export type GatewayErrorKind =
  | 'no-route'
  /** The function failed: threw, timed out on its own, ran out of memory, crashed. */
  | 'function-error'
  /** The function returned something that is not a valid proxy response. */
  | 'malformed-response'
  /** The Lambda service refused the invoke (throttled, missing function...). */
  | 'invoke-rejected'
  /** API Gateway stopped waiting for the integration. */
  | 'integration-timeout'
  /** API Gateway's own rate limits. */
  | 'throttled'
  | 'payload-too-large';

/** REST default and maximum integration timeout (reference §6, §11). */
export const REST_INTEGRATION_TIMEOUT_MS = 29_000;
/** HTTP API maximum integration timeout (reference §6, §11). */
export const HTTP_INTEGRATION_TIMEOUT_MS = 30_000;
/** Request payload limit for both API types: 10 MB = 10485760 bytes; a longer body gets 413 (reference §11). */
export const MAX_REQUEST_PAYLOAD_BYTES = 10 * 1024 * 1024;

export function integrationTimeoutMs(api: ApiKind): number {
  return api === 'rest' ? REST_INTEGRATION_TIMEOUT_MS : HTTP_INTEGRATION_TIMEOUT_MS;
}

interface ErrorSpec {
  statusCode: number;
  body: string;
  /** REST's `x-amzn-ErrorType`; HTTP APIs send none. */
  errorType?: string;
  contentType?: string;
}

// Bodies are byte-exact copies of what AWS sends, spaces included: REST's integration errors are
// `{"message": "..."}` with a space (Content-Length 36 for 502/500, 41 for 504 in captured
// responses), its other gateway responses and all HTTP API errors are compact.
const TOO_LARGE: ErrorSpec = {
  statusCode: 413,
  // Observed from a real API for an 11 MB body: plain text, not JSON (reference §6 calls the body
  // UNCONFIRMED; capture in a third-party parity probe). Assumed the same for HTTP APIs.
  body: `HTTP content length exceeded ${MAX_REQUEST_PAYLOAD_BYTES} bytes.`,
  contentType: 'text/plain',
};

// x-amzn-ErrorType names come from captured REST responses: MissingAuthenticationTokenException
// for unsigned calls to unknown routes, InternalServerErrorException on 500/502/504,
// TooManyRequestsException on 429.
const REST_ERRORS: Readonly<Record<GatewayErrorKind, ErrorSpec>> = {
  'no-route': {
    statusCode: 403,
    body: '{"message":"Missing Authentication Token"}',
    errorType: 'MissingAuthenticationTokenException',
  },
  'function-error': { statusCode: 502, body: '{"message": "Internal server error"}', errorType: 'InternalServerErrorException' },
  'malformed-response': { statusCode: 502, body: '{"message": "Internal server error"}', errorType: 'InternalServerErrorException' },
  // "If the Lambda API rejects the invocation request, API Gateway returns a 500" ([G12]).
  'invoke-rejected': { statusCode: 500, body: '{"message": "Internal server error"}', errorType: 'InternalServerErrorException' },
  'integration-timeout': { statusCode: 504, body: '{"message": "Endpoint request timed out"}', errorType: 'InternalServerErrorException' },
  throttled: { statusCode: 429, body: '{"message":"Too Many Requests"}', errorType: 'TooManyRequestsException' },
  'payload-too-large': TOO_LARGE,
};

const HTTP_ERRORS: Readonly<Record<GatewayErrorKind, ErrorSpec>> = {
  'no-route': { statusCode: 404, body: '{"message":"Not Found"}' },
  // Note the capitalisation: "Internal Server Error", unlike REST (reference §4.2, [G15]).
  'function-error': { statusCode: 500, body: '{"message":"Internal Server Error"}' },
  'malformed-response': { statusCode: 500, body: '{"message":"Internal Server Error"}' },
  'invoke-rejected': { statusCode: 500, body: '{"message":"Internal Server Error"}' },
  // HTTP APIs answer 503, not 504, when their 30 s integration timeout hits (observed, [G25]);
  // the body text is UNCONFIRMED in the reference.
  'integration-timeout': { statusCode: 503, body: '{"message":"Service Unavailable"}' },
  throttled: { statusCode: 429, body: '{"message":"Too Many Requests"}' },
  'payload-too-large': TOO_LARGE,
};

/** API Gateway's own answer for `kind` on an API of type `api`. A fresh value on every call. */
export function gatewayError(kind: GatewayErrorKind, api: ApiKind): GatewayResponse {
  const spec = (api === 'rest' ? REST_ERRORS : HTTP_ERRORS)[kind];
  const contentType = spec.contentType ?? 'application/json';
  const headers: Array<[string, string]> =
    api === 'rest' ? [['Content-Type', contentType]] : [['content-type', contentType]];
  if (spec.errorType !== undefined) headers.push(['x-amzn-ErrorType', spec.errorType]);
  return { statusCode: spec.statusCode, headers, body: Buffer.from(spec.body, 'utf8') };
}

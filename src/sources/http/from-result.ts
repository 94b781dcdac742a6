/**
 * Maps an invocation result to the HTTP response API Gateway would send: the function's proxy
 * response with base64 bodies decoded, or API Gateway's own error when the function failed,
 * answered something malformed, or took longer than the integration timeout.
 */
import type { InvocationResult } from '../../runtime/types.js';
import { matchesMediaTypes, mediaTypeOf } from './event-parts.js';
import { gatewayError, integrationTimeoutMs } from './gateway-errors.js';
import { readV1Response, readV2Response } from './proxy-response.js';
import type { ProxyResponse } from './proxy-response.js';
import { apiKindOf } from './request.js';
import type { PayloadVersion } from './request.js';
import { hasHeader } from './response.js';
import type { GatewayResponse } from './response.js';

export interface ResultContext {
  payload: PayloadVersion;
  /** The request's Accept header: REST decodes a base64 body only for a binary media type. */
  accept?: string | undefined;
  /** REST only: the API's binaryMediaTypes (none by default, as in a new AWS API). */
  binaryMediaTypes?: readonly string[] | undefined;
  /** The integration timeout in ms; API Gateway's own for the API kind when absent. */
  integrationTimeoutMs?: number | undefined;
}

export interface InterpretedResult {
  response: GatewayResponse;
  /** Why API Gateway answered with its own error instead of the function's response, for the log. */
  problem?: string;
}

export function fromInvocationResult(result: InvocationResult, context: ResultContext): GatewayResponse {
  return interpretInvocationResult(result, context).response;
}

export function interpretInvocationResult(result: InvocationResult, context: ResultContext): InterpretedResult {
  const api = apiKindOf(context.payload);
  const limitMs = context.integrationTimeoutMs ?? integrationTimeoutMs(api);
  // API Gateway stops waiting at its integration timeout whatever the function does afterwards, so
  // a result that took that long (even a success) is a gateway timeout. A function that hits its
  // own, shorter timeout is a function error instead (reference §6). server.ts races a timer with
  // the same limit so the client is answered at the limit; this check catches a result that
  // arrives just as the timer would fire.
  if (result.record.durationMs >= limitMs) {
    return { response: gatewayError('integration-timeout', api), problem: `Execution failed due to a timeout error (${limitMs} ms)` };
  }
  if (!result.ok) {
    const { errorType, errorMessage } = result.error;
    // Throttling is the Lambda API refusing the invoke, which API Gateway turns into a 500 ([G12]).
    if (result.record.outcome === 'throttled') {
      return { response: gatewayError('invoke-rejected', api), problem: `Lambda rejected the invocation: ${errorType}: ${errorMessage}` };
    }
    return { response: gatewayError('function-error', api), problem: `Lambda function error: ${errorType}: ${errorMessage}` };
  }
  const check = context.payload === '1.0' ? readV1Response(result.payload) : readV2Response(result.payload);
  if (!check.ok) {
    return { response: gatewayError('malformed-response', api), problem: `Malformed Lambda proxy response: ${check.problem}` };
  }
  return { response: toGatewayResponse(check.response, shouldDecode(check.response, context)) };
}

/**
 * HTTP APIs decode a base64 body whatever its type (reference §4.2). REST decodes it only when the
 * first media type in the request's Accept header is one of the API's binaryMediaTypes, and
 * otherwise sends the base64 text as it is (reference §4.1, observed).
 */
function shouldDecode(response: ProxyResponse, context: ResultContext): boolean {
  if (!response.isBase64Encoded) return false;
  if (context.payload === '2.0') return true;
  const firstAccepted = mediaTypeOf(context.accept?.split(',')[0]);
  return firstAccepted !== undefined && matchesMediaTypes(firstAccepted, context.binaryMediaTypes ?? []);
}

function toGatewayResponse(response: ProxyResponse, decode: boolean): GatewayResponse {
  const headers = [...response.headers];
  // Without a Content-Type from the function, API Gateway sends application/json ([G11]).
  if (!hasHeader({ headers }, 'content-type')) headers.push(['content-type', 'application/json']);
  const body = decode ? Buffer.from(response.body, 'base64') : Buffer.from(response.body, 'utf8');
  return { statusCode: response.statusCode, headers, body };
}

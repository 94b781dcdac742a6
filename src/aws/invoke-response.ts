/**
 * Turns a synchronous invocation's result into the Invoke API's 200 response (reference/LAMBDA.md
 * §11.2): the payload or the function's error JSON, `X-Amz-Function-Error`, `X-Amz-Executed-Version`
 * and, for `LogType: Tail`, the end of the log in `X-Amz-Log-Result`. Pure.
 */
import type { InvocationResult } from '../runtime/types.js';
import { MAX_SYNC_PAYLOAD_BYTES } from './lambda-errors.js';
import { LATEST_VERSION } from '../runtime/function-environment.js';

/** Lambda returns the last 4 KB of the invocation's log (§11.2). */
export const LOG_TAIL_BYTES = 4096;

export const EXECUTED_VERSION = LATEST_VERSION;

export interface InvokeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Base64 of the log's last 4 KB. A cut inside a multi-byte UTF-8 character drops that character's
 * leading fragment, so the tail always decodes cleanly (AWS's exact cut is not documented).
 */
export function logTail(logs: string): string {
  const bytes = Buffer.from(logs, 'utf8');
  let start = Math.max(0, bytes.length - LOG_TAIL_BYTES);
  // Continuation bytes look like 10xxxxxx: skip them to the start of the next character.
  while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('base64');
}

/**
 * What AWS returns for a response over 6 MB: still 200, as a function error. The message's odd
 * 6291556 is AWS's own (§4), copied verbatim.
 */
export const RESPONSE_TOO_LARGE = {
  errorType: 'Function.ResponseSizeTooLarge',
  errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
} as const;

export function syncResponse(result: InvocationResult, options: { tail: boolean; requestId: string }): InvokeHttpResponse {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Amz-Executed-Version': EXECUTED_VERSION,
    'x-amzn-RequestId': options.requestId,
  };
  if (options.tail) headers['X-Amz-Log-Result'] = logTail(result.logs);
  if (!result.ok) {
    headers['X-Amz-Function-Error'] = 'Unhandled';
    return { status: 200, headers, body: Buffer.from(JSON.stringify(result.error)) };
  }
  // An async handler that returns nothing produces `null` (reference/LAMBDA.md §1.3).
  const body = Buffer.from(JSON.stringify(result.payload === undefined ? null : result.payload) ?? 'null');
  if (body.length > MAX_SYNC_PAYLOAD_BYTES) {
    headers['X-Amz-Function-Error'] = 'Unhandled';
    return { status: 200, headers, body: Buffer.from(JSON.stringify(RESPONSE_TOO_LARGE)) };
  }
  return { status: 200, headers, body };
}

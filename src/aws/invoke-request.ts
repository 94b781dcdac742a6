/**
 * Reads one Invoke API request (reference/LAMBDA.md §11.1) into what lambkin needs: the target
 * function, invocation and log types, the event and the client context. Checks follow AWS's order
 * as far as it is known: parameters, then the body's size, then its JSON. Pure.
 */
import { parseFunctionName, type FunctionTarget } from './function-name.js';
import {
  invalidClientContext,
  invalidRequestContent,
  LambdaApiError,
  MAX_ASYNC_PAYLOAD_BYTES,
  requestTooLarge,
  validationError,
} from './lambda-errors.js';

export const INVOCATION_TYPES = ['Event', 'RequestResponse', 'DryRun'] as const;
export type ApiInvocationType = (typeof INVOCATION_TYPES)[number];
export const LOG_TYPES = ['None', 'Tail'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** `X-Amz-Client-Context` may carry up to 3,583 bytes of base64 (reference/LAMBDA.md §2). */
export const MAX_CLIENT_CONTEXT_BYTES = 3583;

export interface RawInvokeRequest {
  /** The FunctionName path segment, already percent-decoded. */
  functionName: string;
  qualifier: string | undefined;
  invocationType: string | undefined;
  logType: string | undefined;
  clientContext: string | undefined;
  body: Buffer;
}

export interface InvokeRequest {
  target: FunctionTarget;
  invocationType: ApiInvocationType;
  logType: LogType;
  body: Buffer;
  clientContext: Record<string, unknown> | undefined;
}

/** Everything that can be checked without knowing the function; throws LambdaApiError. */
export function readInvokeRequest(raw: RawInvokeRequest): InvokeRequest {
  const invocationType = oneOf(INVOCATION_TYPES, raw.invocationType ?? 'RequestResponse', 'invocationType');
  const logType = oneOf(LOG_TYPES, raw.logType ?? 'None', 'logType');
  const target = parseFunctionName(raw.functionName, raw.qualifier);
  if (target instanceof LambdaApiError) throw target;
  // Bodies over 6 MB never get here: the body reader refuses them with the same error.
  if (invocationType === 'Event' && raw.body.length > MAX_ASYNC_PAYLOAD_BYTES) throw requestTooLarge(raw.body.length, 'Event');
  return { target, invocationType, logType, body: raw.body, clientContext: decodeClientContext(raw.clientContext) };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The event the function receives. An empty body becomes `{}`, which is what Lambda passes when a
 * caller sends no payload (aws/aws-lambda-dotnet#834 made its test tool match the service so).
 */
export function parsePayload(body: Buffer): unknown {
  let text: string;
  try {
    text = STRICT_UTF8.decode(body);
  } catch {
    const bad = body.findIndex((byte) => byte >= 0x80);
    throw invalidRequestContent(`Invalid UTF-8 start byte 0x${(body[bad] ?? 0).toString(16).padStart(2, '0')}`);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw invalidRequestContent(err instanceof Error ? err.message : String(err));
  }
}

function decodeClientContext(header: string | undefined): Record<string, unknown> | undefined {
  if (header === undefined || header === '') return undefined;
  if (Buffer.byteLength(header) > MAX_CLIENT_CONTEXT_BYTES) {
    throw invalidClientContext(`it is ${Buffer.byteLength(header)} bytes, over the ${MAX_CLIENT_CONTEXT_BYTES}-byte limit`);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(header)) throw invalidClientContext('it is not base64');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    throw invalidClientContext('the decoded text is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidClientContext('the decoded JSON is not an object');
  return value as Record<string, unknown>;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, field: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw validationError(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

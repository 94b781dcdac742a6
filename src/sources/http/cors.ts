/**
 * HTTP API's built-in CORS (reference §9): API Gateway answers preflights itself, without invoking
 * a function, and on other responses replaces whatever CORS headers the function set with its own.
 * REST APIs have no such setting; their functions send CORS headers themselves.
 */
import { firstHeader } from './request.js';
import type { GatewayRequest } from './request.js';
import type { GatewayResponse } from './response.js';

export interface CorsOptions {
  allowOrigins?: readonly string[] | undefined;
  allowMethods?: readonly string[] | undefined;
  allowHeaders?: readonly string[] | undefined;
  exposeHeaders?: readonly string[] | undefined;
  /** Seconds, -1..86400 (reference §9). */
  maxAge?: number | undefined;
  allowCredentials?: boolean | undefined;
}

/** `true` allows any origin, method and header, without credentials. */
export type CorsConfig = true | CorsOptions;

export interface CorsRules {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | undefined;
  readonly allowCredentials: boolean;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*']);

export function normalizeCors(config: CorsConfig): CorsRules {
  if (config === true) {
    return { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: [], maxAge: undefined, allowCredentials: false };
  }
  return {
    allowOrigins: [...(config.allowOrigins ?? [])],
    allowMethods: (config.allowMethods ?? []).map((m) => m.toUpperCase()),
    allowHeaders: [...(config.allowHeaders ?? [])],
    exposeHeaders: [...(config.exposeHeaders ?? [])],
    maxAge: config.maxAge,
    allowCredentials: config.allowCredentials ?? false,
  };
}

/** Problems with a CORS config, as sentences; empty when it is valid. */
export function validateCorsConfig(config: CorsConfig): string[] {
  if (config === true) return [];
  const problems: string[] = [];
  const { maxAge } = config;
  if (maxAge !== undefined && (!Number.isInteger(maxAge) || maxAge < -1 || maxAge > 86400)) {
    problems.push(`maxAge ${String(maxAge)} is outside -1..86400 seconds`);
  }
  for (const method of config.allowMethods ?? []) {
    if (!METHODS.has(method.toUpperCase())) problems.push(`allowMethods: unknown method "${method}"`);
  }
  // Browsers refuse credentials with a wildcard origin, so such a config can never work.
  if (config.allowCredentials === true && (config.allowOrigins ?? []).includes('*')) {
    problems.push('allowCredentials needs explicit allowOrigins; "*" cannot be used with credentials');
  }
  return problems;
}

/** A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. Other OPTIONS are routed. */
export function isPreflight(request: GatewayRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    firstHeader(request, 'origin') !== undefined &&
    firstHeader(request, 'access-control-request-method') !== undefined
  );
}

/**
 * API Gateway's answer to a preflight: 204, no body (status UNCONFIRMED in the reference; 204 as
 * observed from API Gateway preflights). A disallowed origin gets the 204 without CORS headers, so
 * the browser blocks the real request, as it would against AWS.
 */
export function preflightResponse(rules: CorsRules, request: GatewayRequest): GatewayResponse {
  const headers: Array<[string, string]> = [];
  const origin = allowedOrigin(rules, firstHeader(request, 'origin'));
  if (origin !== undefined) {
    headers.push(['access-control-allow-origin', origin]);
    if (rules.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
    const methods = listOrEcho(rules, rules.allowMethods, firstHeader(request, 'access-control-request-method'));
    if (methods !== '') headers.push(['access-control-allow-methods', methods]);
    const allowHeaders = listOrEcho(rules, rules.allowHeaders, firstHeader(request, 'access-control-request-headers'));
    if (allowHeaders !== '') headers.push(['access-control-allow-headers', allowHeaders]);
    if (rules.maxAge !== undefined) headers.push(['access-control-max-age', String(rules.maxAge)]);
  }
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
}

/** Replaces the function's CORS headers with API Gateway's own (reference §9). */
export function applyCors(rules: CorsRules, request: GatewayRequest, response: GatewayResponse): GatewayResponse {
  const headers = response.headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  const origin = allowedOrigin(rules, firstHeader(request, 'origin'));
  if (origin !== undefined) {
    headers.push(['access-control-allow-origin', origin]);
    if (rules.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
    if (rules.exposeHeaders.length > 0) headers.push(['access-control-expose-headers', rules.exposeHeaders.join(',')]);
  }
  return { ...response, headers };
}

/**
 * The Access-Control-Allow-Origin value for a request's Origin, or undefined when it is not
 * allowed (or the request is not cross-origin). `*` is sent as `*`, except with credentials,
 * where browsers need the origin echoed.
 */
export function allowedOrigin(rules: CorsRules, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  const wildcard = rules.allowOrigins.includes('*');
  if (wildcard) return rules.allowCredentials ? origin : '*';
  const wanted = origin.toLowerCase();
  return rules.allowOrigins.some((allowed) => allowed.toLowerCase() === wanted) ? origin : undefined;
}

// A configured `*` is sent as `*`, except with credentials, where browsers do not honour the
// wildcard, so the requested method or headers are echoed back instead.
function listOrEcho(rules: CorsRules, list: readonly string[], requested: string | undefined): string {
  if (list.includes('*') && rules.allowCredentials) return requested ?? '';
  return list.join(',');
}

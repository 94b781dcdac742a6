/**
 * The normalised incoming HTTP request that the API Gateway source works on, and the pure
 * helpers that build and read it. server.ts turns an express request into one of these;
 * everything after that (routing, events, responses) is plain functions over it.
 */

/** Lambda proxy payload format: 1.0 is lambkin's REST API flavour, 2.0 the HTTP API one. */
export type PayloadVersion = '1.0' | '2.0';

/** Which API Gateway product answers: decides error bodies, timeouts and CORS. */
export type ApiKind = 'rest' | 'http';

/** One header line as the client sent it: name casing and order are kept. */
export type HeaderPair = readonly [name: string, value: string];

export interface GatewayRequest {
  /** Upper-case method, e.g. `GET`. */
  readonly method: string;
  /** Path as received: percent-encoding untouched, no query string, always starts with `/`. */
  readonly path: string;
  /** Query string exactly as sent, without the `?` (`''` when none). */
  readonly rawQueryString: string;
  readonly rawHeaders: readonly HeaderPair[];
  readonly body: Buffer;
  /** The client's address (IPv4-mapped IPv6 already unwrapped). */
  readonly sourceIp: string;
  /** `HTTP/1.1`. */
  readonly protocol: string;
  readonly requestTimeEpochMs: number;
  /** UUID: REST's `requestContext.requestId`. */
  readonly requestId: string;
  /** Short id like `JKJaXmPLvHcESHA=`: HTTP API's `requestContext.requestId`, REST's `extendedRequestId`. */
  readonly extendedRequestId: string;
  /** The Host header as received (may carry a port); `''` when the client sent none. */
  readonly host: string;
}

export interface GatewayRequestInit {
  method: string;
  /** The request target (`/a/b?x=1`); use it or `path` + `rawQueryString`. */
  target?: string | undefined;
  path?: string | undefined;
  rawQueryString?: string | undefined;
  /** Pairs, or Node's flat `req.rawHeaders` array. */
  rawHeaders?: readonly HeaderPair[] | readonly string[] | undefined;
  body?: Buffer | undefined;
  sourceIp: string;
  protocol?: string | undefined;
  requestTimeEpochMs: number;
  requestId: string;
  extendedRequestId: string;
}

export function apiKindOf(payload: PayloadVersion): ApiKind {
  return payload === '1.0' ? 'rest' : 'http';
}

export function createGatewayRequest(init: GatewayRequestInit): GatewayRequest {
  const split = init.target === undefined ? undefined : splitRequestTarget(init.target);
  const rawHeaders = toHeaderPairs(init.rawHeaders ?? []);
  return {
    method: init.method.toUpperCase(),
    path: split?.path ?? (init.path === undefined || init.path === '' ? '/' : init.path),
    rawQueryString: split?.rawQueryString ?? init.rawQueryString ?? '',
    rawHeaders,
    body: init.body ?? Buffer.alloc(0),
    sourceIp: normaliseIp(init.sourceIp),
    protocol: init.protocol ?? 'HTTP/1.1',
    requestTimeEpochMs: init.requestTimeEpochMs,
    requestId: init.requestId,
    extendedRequestId: init.extendedRequestId,
    host: headerValuesIn(rawHeaders, 'host')[0] ?? '',
  };
}

/** Splits a request target into path and raw query; accepts the absolute form proxies send. */
export function splitRequestTarget(target: string): { path: string; rawQueryString: string } {
  let rest = target;
  const absolute = rest.startsWith('/') ? null : /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute !== null) rest = rest.slice(absolute[0].length);
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  return { path: path === '' ? '/' : path, rawQueryString: q === -1 ? '' : rest.slice(q + 1) };
}

/** Node gives raw headers as `[name, value, name, value, ...]`; this pairs them up. */
export function pairRawHeaders(flat: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] ?? '', flat[i + 1] ?? '']);
  return pairs;
}

/**
 * Every value of a header in a list of name/value pairs (request or response), in order, matching
 * the name case-insensitively. The one header lookup of the API Gateway source.
 */
export function headerValuesIn(headers: Iterable<readonly [string, string]>, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === wanted) values.push(v);
  return values;
}

/** Every value of a header, in order, matching the name case-insensitively. */
export function headerValues(request: Pick<GatewayRequest, 'rawHeaders'>, name: string): string[] {
  return headerValuesIn(request.rawHeaders, name);
}

export function firstHeader(request: Pick<GatewayRequest, 'rawHeaders'>, name: string): string | undefined {
  return headerValuesIn(request.rawHeaders, name)[0];
}

/** The client's User-Agent, undefined when it sent none. */
export function userAgentOf(request: Pick<GatewayRequest, 'rawHeaders'>): string | undefined {
  return firstHeader(request, 'user-agent');
}

export interface ForwardingInfo {
  /** The port the client connected to. */
  port: number;
  proto: 'http' | 'https';
  /** A ready `Root=1-...` value; see traceIdFor. */
  traceId: string;
}

/**
 * Adds the headers API Gateway itself puts on every proxied request (X-Forwarded-For/-Port/-Proto,
 * X-Amzn-Trace-Id; see the sample events), because handlers read them to learn the client's address
 * and scheme. A client's own X-Forwarded-For is kept and the source IP appended, as a proxy does.
 */
export function withForwardedHeaders(request: GatewayRequest, info: ForwardingInfo): GatewayRequest {
  // One pass over the headers: this runs for every request.
  const rawHeaders: HeaderPair[] = [];
  const priorFor: string[] = [];
  let traced = false;
  for (const pair of request.rawHeaders) {
    const name = pair[0].toLowerCase();
    if (name === 'x-forwarded-for') priorFor.push(pair[1]);
    else if (name === 'x-amzn-trace-id') traced = true;
    if (!FORWARDING_HEADERS.has(name)) rawHeaders.push(pair);
  }
  if (!traced) rawHeaders.push(['X-Amzn-Trace-Id', info.traceId]);
  const forwardedFor = priorFor.length === 0 ? request.sourceIp : `${priorFor.join(', ')}, ${request.sourceIp}`;
  rawHeaders.push(['X-Forwarded-For', forwardedFor], ['X-Forwarded-Port', String(info.port)], ['X-Forwarded-Proto', info.proto]);
  return { ...request, rawHeaders };
}

/** The headers API Gateway sets itself, replacing the client's. */
const FORWARDING_HEADERS: ReadonlySet<string> = new Set(['x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto']);

/** X-Ray trace header value: `Root=1-<epoch seconds, 8 hex>-<24 hex>`. */
export function traceIdFor(epochMs: number, random24Hex: string): string {
  const seconds = Math.floor(epochMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${random24Hex.toLowerCase().padEnd(24, '0').slice(0, 24)}`;
}

/** API Gateway's short request ids (`JKJaXmPLvHcESHA=`) are 16 base64 characters: 11 bytes. */
export function extendedRequestIdFromBytes(bytes: Uint8Array): string {
  const eleven = Buffer.alloc(11);
  eleven.set(bytes.subarray(0, 11));
  return eleven.toString('base64');
}

function toHeaderPairs(headers: readonly HeaderPair[] | readonly string[]): HeaderPair[] {
  if (headers.length === 0) return [];
  if (typeof headers[0] === 'string') return pairRawHeaders(headers as readonly string[]);
  return (headers as readonly HeaderPair[]).map(([n, v]) => [n, v] as const);
}

// Node reports IPv4 clients on a dual-stack socket as `::ffff:1.2.3.4`; AWS shows `1.2.3.4`.
function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}

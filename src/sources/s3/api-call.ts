/**
 * One S3 API request as the operation handlers see it (bucket, key, query, request id), how
 * its target is read from a path-style or virtual-hosted URL, and the ways to answer it: XML,
 * empty, or S3's XML error body (none for HEAD, as S3 sends none).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { hostIdFor } from './to-event.js';
import { S3Error } from './s3-error.js';
import { textElement } from './xml.js';
import type { RequestContext } from './change-feed.js';
import type { ObjectStore } from './store.js';
import type { Logger } from '../../log.js';

export interface S3Target {
  /** Undefined for the service itself (`GET /`: ListBuckets). */
  bucket: string | undefined;
  /** '' for a bucket operation. */
  key: string;
  query: URLSearchParams;
}

// Virtual-hosted style: `{bucket}.localhost[:port]` (EVENTS.md §3.1; DESIGN.md "Ports and endpoints").
const VIRTUAL_HOST = /^(.+)\.localhost(?::\d+)?$/i;

function decodePart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new S3Error('InvalidURI', {}, `Couldn't parse the specified URI: ${raw.slice(0, 100)}`);
  }
}

/** Reads bucket and key from the raw (still encoded) request target and the Host header. */
export function parseTarget(rawTarget: string, host: string | undefined): S3Target {
  const q = rawTarget.indexOf('?');
  const rawPath = q < 0 ? rawTarget : rawTarget.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rawTarget.slice(q + 1));
  const hostBucket = host === undefined ? undefined : VIRTUAL_HOST.exec(host)?.[1];
  if (hostBucket !== undefined) return { bucket: hostBucket.toLowerCase(), key: decodePart(rawPath.slice(1)), query };
  if (rawPath === '/' || rawPath === '') return { bucket: undefined, key: '', query };
  const path = rawPath.slice(1);
  const slash = path.indexOf('/');
  // Keys keep every byte: `/b//x/` is key `/x/`; `..` segments arrive unnormalised and stay keys.
  if (slash < 0) return { bucket: decodePart(path), key: '', query };
  return { bucket: decodePart(path.slice(0, slash)), key: decodePart(path.slice(slash + 1)), query };
}

export interface S3Call extends S3Target {
  req: IncomingMessage;
  res: ServerResponse;
  headers: IncomingHttpHeaders;
  ctx: RequestContext;
  store: ObjectStore;
  region: string;
  logger: Logger;
}

/** The single value of a request header (the first, if repeated). */
export function header(call: S3Call, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function baseHeaders(call: S3Call): Record<string, string> {
  return { 'x-amz-request-id': call.ctx.requestId, 'x-amz-id-2': hostIdFor(call.ctx.requestId), server: 'lambkin' };
}

export function sendXml(call: S3Call, status: number, xml: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(xml, 'utf8');
  call.res.writeHead(status, { ...baseHeaders(call), 'content-type': 'application/xml', 'content-length': String(body.length), ...headers });
  call.res.end(call.req.method === 'HEAD' ? undefined : body);
}

export function sendEmpty(call: S3Call, status: number, headers: Record<string, string> = {}): void {
  call.res.writeHead(status, { ...baseHeaders(call), ...(status === 204 || status === 304 ? {} : { 'content-length': '0' }), ...headers });
  call.res.end();
}

/** Starts a response whose body the caller streams (GetObject). */
export function writeHead(call: S3Call, status: number, headers: Record<string, string>): void {
  call.res.writeHead(status, { ...baseHeaders(call), ...headers });
}

export function sendError(call: S3Call, err: S3Error): void {
  if (call.res.headersSent) {
    call.res.destroy(err);
    return;
  }
  // HEAD answers carry no body (the SDK then names a 404 "NotFound").
  if (call.req.method === 'HEAD') {
    sendEmpty(call, err.status);
    return;
  }
  const resource = call.bucket === undefined ? '/' : `/${call.bucket}${call.key ? `/${call.key}` : ''}`;
  const details = Object.entries(err.details).map(([name, value]) => textElement(name, value));
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${textElement('Code', err.code)}${textElement('Message', err.message)}${details.join('')}${textElement('Resource', resource)}${textElement('RequestId', call.ctx.requestId)}${textElement('HostId', hostIdFor(call.ctx.requestId))}</Error>`;
  sendXml(call, err.status, xml);
}

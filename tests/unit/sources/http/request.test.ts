import { describe, expect, it } from 'vitest';
import {
  apiKindOf,
  createGatewayRequest,
  extendedRequestIdFromBytes,
  firstHeader,
  headerValues,
  pairRawHeaders,
  splitRequestTarget,
  traceIdFor,
  userAgentOf,
  withForwardedHeaders,
} from '../../../../src/sources/http/request.js';
import { makeRequest } from './helpers.js';

const BASE = { method: 'get', sourceIp: '127.0.0.1', requestTimeEpochMs: 1, requestId: 'id', extendedRequestId: 'ext' };

describe('createGatewayRequest', () => {
  it('splits the target, upper-cases the method and reads the Host header', () => {
    const request = createGatewayRequest({ ...BASE, target: '/a%20b?x=1&y', rawHeaders: ['host', 'localhost:3000', 'X-A', '1'] });
    expect(request).toEqual({
      method: 'GET',
      path: '/a%20b',
      rawQueryString: 'x=1&y',
      rawHeaders: [
        ['host', 'localhost:3000'],
        ['X-A', '1'],
      ],
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
      requestTimeEpochMs: 1,
      requestId: 'id',
      extendedRequestId: 'ext',
      host: 'localhost:3000',
    });
  });

  it('accepts path and rawQueryString separately, and header pairs', () => {
    const request = createGatewayRequest({ ...BASE, path: '/p', rawQueryString: 'q=1', rawHeaders: [['Host', 'h']] });
    expect(request).toMatchObject({ path: '/p', rawQueryString: 'q=1', host: 'h' });
  });

  it("defaults to '/' with no query and no host", () => {
    expect(createGatewayRequest(BASE)).toMatchObject({ path: '/', rawQueryString: '', host: '', rawHeaders: [] });
  });

  it('unwraps IPv4-mapped IPv6 addresses and leaves real IPv6 alone', () => {
    expect(createGatewayRequest({ ...BASE, sourceIp: '::ffff:192.168.1.5' }).sourceIp).toBe('192.168.1.5');
    expect(createGatewayRequest({ ...BASE, sourceIp: '::1' }).sourceIp).toBe('::1');
  });
});

describe('splitRequestTarget', () => {
  it.each([
    ['/a/b?x=1', '/a/b', 'x=1'],
    ['/a/b', '/a/b', ''],
    ['/a/b?', '/a/b', ''],
    ['/?a=1?b=2', '/', 'a=1?b=2'],
    ['/a#frag', '/a', ''],
    ['/a?x=1#frag', '/a', 'x=1'],
    ['http://localhost:3000/a?x=1', '/a', 'x=1'],
    ['https://example.com', '/', ''],
    ['', '/', ''],
    ['/a%3Fb?c=%3F', '/a%3Fb', 'c=%3F'],
  ])('splits %j into %j and %j', (target, path, rawQueryString) => {
    expect(splitRequestTarget(target)).toEqual({ path, rawQueryString });
  });
});

describe('header helpers', () => {
  const request = makeRequest({ headers: [['X-Tag', 'a'], ['Host', 'h'], ['x-tag', 'b'], ['User-Agent', 'ua']] });

  it('pairs a flat raw header list and ignores a dangling name', () => {
    expect(pairRawHeaders(['A', '1', 'b', '2', 'c'])).toEqual([
      ['A', '1'],
      ['b', '2'],
    ]);
  });

  it('finds values case-insensitively, in order', () => {
    expect(headerValues(request, 'X-TAG')).toEqual(['a', 'b']);
    expect(firstHeader(request, 'x-tag')).toBe('a');
    expect(firstHeader(request, 'missing')).toBeUndefined();
    expect(userAgentOf(request)).toBe('ua');
    expect(userAgentOf(makeRequest({ headers: [] }))).toBeUndefined();
  });
});

describe('withForwardedHeaders', () => {
  const info = { port: 443, proto: 'https' as const, traceId: 'Root=1-00000001-000000000000000000000000' };

  it('adds the trace id and X-Forwarded-* after the client headers', () => {
    const request = withForwardedHeaders(makeRequest({ sourceIp: '10.0.0.1', headers: [['Host', 'h']] }), info);
    expect(request.rawHeaders).toEqual([
      ['Host', 'h'],
      ['X-Amzn-Trace-Id', info.traceId],
      ['X-Forwarded-For', '10.0.0.1'],
      ['X-Forwarded-Port', '443'],
      ['X-Forwarded-Proto', 'https'],
    ]);
  });

  it("appends the client address to a client's X-Forwarded-For and replaces its port and proto", () => {
    const request = withForwardedHeaders(
      makeRequest({
        sourceIp: '10.0.0.1',
        headers: [['x-forwarded-for', '1.1.1.1'], ['X-Forwarded-Proto', 'gopher'], ['X-Amzn-Trace-Id', 'Root=mine']],
      }),
      info,
    );
    expect(request.rawHeaders).toEqual([
      ['X-Amzn-Trace-Id', 'Root=mine'],
      ['X-Forwarded-For', '1.1.1.1, 10.0.0.1'],
      ['X-Forwarded-Port', '443'],
      ['X-Forwarded-Proto', 'https'],
    ]);
  });
});

describe('ids', () => {
  it('formats an X-Ray trace id from the request time', () => {
    expect(traceIdFor(1714564800000, '0123456789ABCDEF01234567')).toBe('Root=1-66322ec0-0123456789abcdef01234567');
  });

  it('makes 16-character extended request ids from 11 bytes', () => {
    const id = extendedRequestIdFromBytes(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]));
    expect(id).toBe('AQIDBAUGBwgJCgs=');
    expect(id).toHaveLength(16);
    expect(extendedRequestIdFromBytes(new Uint8Array(0))).toHaveLength(16);
  });

  it('maps payload 1.0 to REST and 2.0 to HTTP API', () => {
    expect(apiKindOf('1.0')).toBe('rest');
    expect(apiKindOf('2.0')).toBe('http');
  });
});

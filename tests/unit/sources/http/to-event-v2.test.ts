import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../../src/sources/http/routes.js';
import type { MatchedRoute } from '../../../../src/sources/http/routes.js';
import { defaultGatewaySettings } from '../../../../src/sources/http/settings.js';
import type { GatewaySettings } from '../../../../src/sources/http/settings.js';
import { toApiGatewayV2Event } from '../../../../src/sources/http/to-event-v2.js';
import type { GatewayRequest } from '../../../../src/sources/http/request.js';
import { loadSampleEvent, makeRequest, SAMPLE_HOST, SAMPLE_TIME_MS, SAMPLE_UA, sampleRequest, shapeDifferences } from './helpers.js';

const SETTINGS: GatewaySettings = { region: 'us-east-1', accountId: '123456789012', apiId: 'a1b2c3d4e5', stage: '$default' };

function matched(routeKey: string, method: string, path: string): MatchedRoute {
  const found = createRouter([{ routeKey, functionName: 'fn', payload: '2.0' }]).match(method, path);
  if (found === undefined) throw new Error(`${routeKey} does not match ${method} ${path}`);
  return found;
}

function eventFor(request: GatewayRequest, routeKey = '$default', settings = SETTINGS) {
  return toApiGatewayV2Event(request, matched(routeKey, request.method, request.path), settings);
}

function getSampleRequest(): GatewayRequest {
  return sampleRequest({
    target: '/pets/42?include=owner&include=toys',
    traceRandom: '0123456789abcdef01234567',
    headers: [
      ['Accept', 'application/json'],
      ['Accept-Encoding', 'gzip, deflate, br'],
      ['Content-Length', '0'],
      ['Host', SAMPLE_HOST],
      ['User-Agent', SAMPLE_UA],
      ['Cookie', 'session=abc123; theme=dark'],
    ],
  });
}

function postSampleRequest(): GatewayRequest {
  return sampleRequest({
    method: 'POST',
    target: '/pets',
    requestTimeEpochMs: SAMPLE_TIME_MS + 1000,
    extendedRequestId: 'XyZ2BcDeFGHIJKl=',
    traceRandom: '89abcdef0123456789abcdef',
    body: Buffer.from('{"name":"Rex","type":"dog"}'),
    headers: [
      ['Accept', '*/*'],
      ['Content-Length', '27'],
      ['Content-Type', 'application/json'],
      ['Host', SAMPLE_HOST],
      ['User-Agent', SAMPLE_UA],
    ],
  });
}

describe('toApiGatewayV2Event against the reference samples', () => {
  it('has the same keys and value types as apigw-http-get.json, recursively', () => {
    const event = eventFor(getSampleRequest(), 'GET /pets/{petId}');
    expect(shapeDifferences(loadSampleEvent('apigw-http-get.json'), JSON.parse(JSON.stringify(event)))).toEqual([]);
  });

  it('reproduces apigw-http-get.json field for field', () => {
    const event = eventFor(getSampleRequest(), 'GET /pets/{petId}');
    expect(JSON.parse(JSON.stringify(event))).toStrictEqual(loadSampleEvent('apigw-http-get.json'));
  });

  it('has the same keys and value types as apigw-http-post-json.json, recursively', () => {
    const event = eventFor(postSampleRequest(), 'POST /pets');
    expect(shapeDifferences(loadSampleEvent('apigw-http-post-json.json'), JSON.parse(JSON.stringify(event)))).toEqual([]);
  });

  it('reproduces apigw-http-post-json.json field for field', () => {
    const event = eventFor(postSampleRequest(), 'POST /pets');
    expect(JSON.parse(JSON.stringify(event))).toStrictEqual(loadSampleEvent('apigw-http-post-json.json'));
  });

  it('never contains undefined values, so absent fields are really absent', () => {
    const event = eventFor(makeRequest());
    expect(Object.values(event).includes(undefined)).toBe(false);
    expect(Object.keys(event).sort()).toEqual(
      ['headers', 'isBase64Encoded', 'rawPath', 'rawQueryString', 'requestContext', 'routeKey', 'version'].sort(),
    );
  });
});

describe('toApiGatewayV2Event headers and cookies', () => {
  it('lower-cases header names and joins repeated headers with a comma', () => {
    const request = makeRequest({ headers: [['X-Tag', 'a'], ['x-tag', 'b'], ['X-TAG', 'c'], ['Host', 'h']] });
    expect(eventFor(request).headers).toEqual({ 'x-tag': 'a,b,c', host: 'h' });
  });

  it('moves every cookie from every Cookie header into cookies and out of headers', () => {
    const request = makeRequest({ headers: [['Cookie', 'a=1; b=2'], ['cookie', 'c=3;d=4;'], ['Host', 'h']] });
    const event = eventFor(request);
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3', 'd=4']);
    expect(event.headers).toEqual({ host: 'h' });
  });

  it('omits cookies when the Cookie header is empty', () => {
    expect(eventFor(makeRequest({ headers: [['Cookie', ''], ['Host', 'h']] }))).not.toHaveProperty('cookies');
  });

  it('has an empty headers object when the client sent no headers', () => {
    expect(eventFor(makeRequest({ headers: [] })).headers).toEqual({});
  });

  it('keeps a header named __proto__ as a plain key', () => {
    const headers = eventFor(makeRequest({ headers: [['__proto__', 'x']] })).headers;
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.keys(headers)).toEqual(['__proto__']);
  });
});

describe('toApiGatewayV2Event query strings', () => {
  it('keeps rawQueryString exactly as sent, still encoded', () => {
    expect(eventFor(makeRequest({ target: '/x?q=a%20b&r=1+2' })).rawQueryString).toBe('q=a%20b&r=1+2');
  });

  it('decodes names and values, + included, and joins repeated keys with a comma', () => {
    const event = eventFor(makeRequest({ target: '/x?q=a%20b&tag=1&tag=2&plus=1+2&n%C3%A4me=v' }));
    expect(event.queryStringParameters).toEqual({ q: 'a b', tag: '1,2', plus: '1 2', 'näme': 'v' });
  });

  it('gives a key without = an empty value', () => {
    expect(eventFor(makeRequest({ target: '/x?flag&a=' })).queryStringParameters).toEqual({ flag: '', a: '' });
  });

  it('omits queryStringParameters when there is no query, or only separators', () => {
    expect(eventFor(makeRequest({ target: '/x' }))).not.toHaveProperty('queryStringParameters');
    expect(eventFor(makeRequest({ target: '/x?' }))).not.toHaveProperty('queryStringParameters');
    expect(eventFor(makeRequest({ target: '/x?&&' }))).not.toHaveProperty('queryStringParameters');
  });

  it('does not split on ; (only REST does)', () => {
    expect(eventFor(makeRequest({ target: '/x?a=1;b=2' })).queryStringParameters).toEqual({ a: '1;b=2' });
  });
});

describe('toApiGatewayV2Event paths and parameters', () => {
  it('reports rawPath and http.path percent-decoded, as real HTTP APIs do', () => {
    const event = eventFor(makeRequest({ target: '/files/a%20b%2Fc' }), 'GET /files/{name}');
    expect(event.rawPath).toBe('/files/a b/c');
    expect(event.requestContext.http.path).toBe('/files/a b/c');
    expect(event.pathParameters).toEqual({ name: 'a b/c' });
  });

  it('names the greedy parameter without the + and gives the rest of the path', () => {
    const event = eventFor(makeRequest({ target: '/static/css/site.css' }), 'ANY /static/{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'css/site.css' });
    expect(event.routeKey).toBe('ANY /static/{proxy+}');
    expect(event.requestContext.routeKey).toBe('ANY /static/{proxy+}');
    expect(event.requestContext.http.method).toBe('GET');
  });

  it('omits pathParameters for routes without variables and for $default', () => {
    expect(eventFor(makeRequest({ target: '/a' }), 'GET /a')).not.toHaveProperty('pathParameters');
    expect(eventFor(makeRequest({ target: '/a' }), '$default')).not.toHaveProperty('pathParameters');
    expect(eventFor(makeRequest({ target: '/a' }), '$default').routeKey).toBe('$default');
  });
});

describe('toApiGatewayV2Event bodies', () => {
  const post = (contentType: string | undefined, body: Buffer) =>
    eventFor(makeRequest({ method: 'POST', body, headers: contentType === undefined ? [] : [['Content-Type', contentType]] }));

  it.each([
    'text/plain',
    'text/html; charset=utf-8',
    'TEXT/CSV',
    'application/json',
    'application/json; charset=utf-8',
    'application/xml',
    'application/javascript',
  ])('passes a %s body as text', (contentType) => {
    const event = post(contentType, Buffer.from('héllo'));
    expect(event.body).toBe('héllo');
    expect(event.isBase64Encoded).toBe(false);
  });

  it.each([
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    'image/png',
    'multipart/form-data; boundary=x',
    'application/vnd.api+json',
    'application/ld+json',
  ])('base64-encodes a %s body', (contentType) => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const event = post(contentType, bytes);
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('base64-encodes a body sent without Content-Type', () => {
    const event = post(undefined, Buffer.from('a=1'));
    expect(event).toMatchObject({ body: 'YT0x', isBase64Encoded: true });
  });

  it('round-trips arbitrary binary bytes through base64', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(Buffer.from(post('image/png', bytes).body ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('omits body and reports isBase64Encoded false for an empty body, whatever the type', () => {
    const event = post('image/png', Buffer.alloc(0));
    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
  });
});

describe('toApiGatewayV2Event requestContext', () => {
  it('fills identity, time and ids from the request and settings', () => {
    const event = eventFor(makeRequest({ sourceIp: '::ffff:10.0.0.7', requestTimeEpochMs: Date.UTC(2020, 2, 12, 19, 3, 58, 123) }));
    expect(event.requestContext).toEqual({
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'localhost:3000',
      domainPrefix: 'localhost',
      http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '10.0.0.7', userAgent: 'test-agent/1.0' },
      requestId: 'XyZ1AbCdEFGHIJk=',
      routeKey: '$default',
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58, 123),
    });
  });

  it("uses AWS's domain name form when the client sent no Host, and '' for a missing User-Agent", () => {
    const event = eventFor(makeRequest({ headers: [] }), '$default', defaultGatewaySettings('eu-west-1', '2.0'));
    expect(event.requestContext.domainName).toBe('lambkinapi.execute-api.eu-west-1.amazonaws.com');
    expect(event.requestContext.domainPrefix).toBe('lambkinapi');
    expect(event.requestContext.http.userAgent).toBe('');
  });

  it('includes stageVariables only when some are set', () => {
    expect(eventFor(makeRequest(), '$default', { ...SETTINGS, stageVariables: {} })).not.toHaveProperty('stageVariables');
    expect(eventFor(makeRequest(), '$default', { ...SETTINGS, stageVariables: { env: 'dev' } }).stageVariables).toEqual({ env: 'dev' });
  });

  it('reports a named stage', () => {
    expect(eventFor(makeRequest(), '$default', { ...SETTINGS, stage: 'beta' }).requestContext.stage).toBe('beta');
  });
});

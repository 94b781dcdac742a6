import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../../src/sources/http/request.js';
import { createRouter } from '../../../../src/sources/http/routes.js';
import type { MatchedRoute } from '../../../../src/sources/http/routes.js';
import { defaultGatewaySettings } from '../../../../src/sources/http/settings.js';
import type { GatewaySettings } from '../../../../src/sources/http/settings.js';
import { toApiGatewayV1Event } from '../../../../src/sources/http/to-event-v1.js';
import { loadSampleEvent, makeRequest, SAMPLE_HOST, SAMPLE_UA, sampleRequest, shapeDifferences } from './helpers.js';

const SETTINGS: GatewaySettings = { region: 'us-east-1', accountId: '123456789012', apiId: 'a1b2c3d4e5', stage: 'prod' };

function matched(routeKey: string, method: string, path: string): MatchedRoute {
  const found = createRouter([{ routeKey, functionName: 'fn', payload: '1.0' }]).match(method, path);
  if (found === undefined) throw new Error(`${routeKey} does not match ${method} ${path}`);
  return found;
}

function eventFor(request: GatewayRequest, routeKey = '$default', settings = SETTINGS) {
  return toApiGatewayV1Event(request, matched(routeKey, request.method, request.path), settings);
}

function restSampleRequest(): GatewayRequest {
  return sampleRequest({
    target: '/pets/42?include=owner&include=toys&verbose=true',
    traceRandom: '0123456789abcdef01234567',
    headers: [
      ['accept', 'application/json'],
      ['accept-encoding', 'gzip, deflate, br'],
      ['Host', SAMPLE_HOST],
      ['User-Agent', SAMPLE_UA],
    ],
  });
}

describe('toApiGatewayV1Event against the reference sample', () => {
  it('has the same keys and value types as apigw-rest-get.json, recursively', () => {
    const event = eventFor(restSampleRequest(), 'GET /pets/{petId}');
    expect(shapeDifferences(loadSampleEvent('apigw-rest-get.json'), JSON.parse(JSON.stringify(event)))).toEqual([]);
  });

  it('reproduces apigw-rest-get.json field for field, except the generated resourceId', () => {
    const event = JSON.parse(JSON.stringify(eventFor(restSampleRequest(), 'GET /pets/{petId}'))) as {
      requestContext: { resourceId: string };
    };
    expect(event.requestContext.resourceId).toMatch(/^[a-z0-9]{6}$/);
    event.requestContext.resourceId = '2gxmpl';
    expect(event).toStrictEqual(loadSampleEvent('apigw-rest-get.json'));
  });

  it('has no version key, since lambkin 1.0 routes are REST routes', () => {
    expect(eventFor(restSampleRequest(), 'GET /pets/{petId}')).not.toHaveProperty('version');
  });
});

describe('toApiGatewayV1Event headers', () => {
  it('keeps client casing and lists every value in multiValueHeaders, the last one in headers', () => {
    const event = eventFor(makeRequest({ headers: [['X-Tag', 'a'], ['Host', 'h'], ['X-Tag', 'b'], ['Cookie', 'a=1; b=2']] }));
    expect(event.headers).toEqual({ 'X-Tag': 'b', Host: 'h', Cookie: 'a=1; b=2' });
    expect(event.multiValueHeaders).toEqual({ 'X-Tag': ['a', 'b'], Host: ['h'], Cookie: ['a=1; b=2'] });
  });

  it('treats names differing only in case as different headers, as REST is case-sensitive', () => {
    const event = eventFor(makeRequest({ headers: [['x-a', '1'], ['X-A', '2']] }));
    expect(event.multiValueHeaders).toEqual({ 'x-a': ['1'], 'X-A': ['2'] });
  });

  it('sends null headers, null multiValueHeaders and a null userAgent when there are none', () => {
    const event = eventFor(makeRequest({ headers: [] }));
    expect(event.headers).toBeNull();
    expect(event.multiValueHeaders).toBeNull();
    expect(event.requestContext.identity.userAgent).toBeNull();
  });
});

describe('toApiGatewayV1Event query strings', () => {
  it('is null in both forms when there is no query string', () => {
    const event = eventFor(makeRequest({ target: '/a' }));
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
  });

  it('keeps the last value of a repeated key, and all of them in the multi-value form', () => {
    const event = eventFor(makeRequest({ target: '/a?x=1&y=2&x=3' }));
    expect(event.queryStringParameters).toEqual({ x: '3', y: '2' });
    expect(event.multiValueQueryStringParameters).toEqual({ x: ['1', '3'], y: ['2'] });
  });

  it('decodes percent escapes and + like REST does', () => {
    const event = eventFor(makeRequest({ target: '/a?sort=-+createdAt&u=http%3A%2F%2Fx.io%3Fa%3D1' }));
    expect(event.queryStringParameters).toEqual({ sort: '- createdAt', u: 'http://x.io?a=1' });
  });

  it('splits on a literal ; as REST does', () => {
    expect(eventFor(makeRequest({ target: '/a?a=1;b=2' })).queryStringParameters).toEqual({ a: '1', b: '2' });
  });
});

describe('toApiGatewayV1Event paths and resources', () => {
  it('keeps path encoded and stage-free, and puts the stage in requestContext.path', () => {
    const event = eventFor(makeRequest({ target: '/files/a%20b' }), 'GET /files/{name}');
    expect(event.path).toBe('/files/a%20b');
    expect(event.requestContext.path).toBe('/prod/files/a%20b');
    expect(event.pathParameters).toEqual({ name: 'a b' });
    expect(event.resource).toBe('/files/{name}');
    expect(event.requestContext.resourcePath).toBe('/files/{name}');
  });

  it('gives greedy parameters the rest of the path without the leading slash', () => {
    const event = eventFor(makeRequest({ method: 'DELETE', target: '/a/b/c' }), 'ANY /{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'a/b/c' });
    expect(event.resource).toBe('/{proxy+}');
    expect(event.httpMethod).toBe('DELETE');
    expect(event.requestContext.httpMethod).toBe('DELETE');
  });

  it('has null pathParameters for a route without variables', () => {
    expect(eventFor(makeRequest({ target: '/a' }), 'GET /a').pathParameters).toBeNull();
  });

  it('reports the request path as the resource of a $default route', () => {
    const event = eventFor(makeRequest({ target: '/x/y' }), '$default');
    expect(event.resource).toBe('/x/y');
    expect(event.pathParameters).toBeNull();
  });

  it('gives each resource a stable six-character resourceId', () => {
    const a = eventFor(makeRequest({ target: '/a' }), 'GET /a').requestContext.resourceId;
    expect(eventFor(makeRequest({ target: '/a' }), 'GET /a').requestContext.resourceId).toBe(a);
    expect(eventFor(makeRequest({ target: '/b' }), 'GET /b').requestContext.resourceId).not.toBe(a);
  });
});

describe('toApiGatewayV1Event bodies', () => {
  const post = (contentType: string | undefined, body: Buffer, binaryMediaTypes?: string[]) =>
    eventFor(
      makeRequest({ method: 'POST', body, headers: contentType === undefined ? [] : [['Content-Type', contentType]] }),
      '$default',
      { ...SETTINGS, binaryMediaTypes },
    );

  it('is null with isBase64Encoded false when the request has no body', () => {
    expect(post('image/png', Buffer.alloc(0), ['*/*'])).toMatchObject({ body: null, isBase64Encoded: false });
  });

  it('passes any body as UTF-8 text when no binary media types are configured', () => {
    expect(post('image/png', Buffer.from('abc'))).toMatchObject({ body: 'abc', isBase64Encoded: false });
    expect(post('application/x-www-form-urlencoded', Buffer.from('a=1'))).toMatchObject({ body: 'a=1', isBase64Encoded: false });
  });

  it.each([
    ['image/png', ['image/png']],
    ['image/png', ['image/*']],
    ['application/pdf', ['*/*']],
    ['IMAGE/PNG; q=1', ['image/png']],
  ])('base64-encodes a %s body for binaryMediaTypes %j', (contentType, types) => {
    const bytes = Buffer.from([0, 255, 128, 10]);
    const event = post(contentType, bytes, types);
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('keeps text for a type outside binaryMediaTypes, and a missing Content-Type matches only */*', () => {
    expect(post('application/json', Buffer.from('{}'), ['image/*']).isBase64Encoded).toBe(false);
    expect(post(undefined, Buffer.from('x'), ['image/*']).isBase64Encoded).toBe(false);
    expect(post(undefined, Buffer.from('x'), ['*/*']).isBase64Encoded).toBe(true);
  });
});

describe('toApiGatewayV1Event requestContext', () => {
  it('fills the identity block with the source IP and user agent, everything else null', () => {
    const identity = eventFor(makeRequest({ sourceIp: '10.1.2.3' })).requestContext.identity;
    expect(identity.sourceIp).toBe('10.1.2.3');
    expect(identity.userAgent).toBe('test-agent/1.0');
    const others = Object.entries(identity).filter(([k]) => k !== 'sourceIp' && k !== 'userAgent');
    expect(others.every(([, v]) => v === null)).toBe(true);
  });

  it("uses stageVariables when set, null otherwise, and the default 'local' stage", () => {
    const settings = defaultGatewaySettings('us-east-1', '1.0');
    expect(settings.stage).toBe('local');
    expect(eventFor(makeRequest(), '$default', settings).stageVariables).toBeNull();
    expect(eventFor(makeRequest(), '$default', { ...settings, stageVariables: { a: 'b' } }).stageVariables).toEqual({ a: 'b' });
    expect(eventFor(makeRequest({ target: '/q' }), 'ANY /{proxy+}', settings).requestContext.path).toBe('/local/q');
  });

  it('keeps the UUID requestId and the short extendedRequestId apart', () => {
    const ctx = eventFor(makeRequest()).requestContext;
    expect(ctx.requestId).toBe('0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19');
    expect(ctx.extendedRequestId).toBe('XyZ1AbCdEFGHIJk=');
    expect(ctx.requestTime).toBe('01/May/2024:12:00:00 +0000');
    expect(ctx.requestTimeEpoch).toBe(1714564800000);
  });
});

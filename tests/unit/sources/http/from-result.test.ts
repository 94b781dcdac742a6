import { describe, expect, it } from 'vitest';
import { fromInvocationResult, interpretInvocationResult } from '../../../../src/sources/http/from-result.js';
import { gatewayError } from '../../../../src/sources/http/gateway-errors.js';
import { createRouter } from '../../../../src/sources/http/routes.js';
import { defaultGatewaySettings } from '../../../../src/sources/http/settings.js';
import { toApiGatewayV1Event } from '../../../../src/sources/http/to-event-v1.js';
import { toApiGatewayV2Event } from '../../../../src/sources/http/to-event-v2.js';
import { errorResult, makeRequest, okResult } from './helpers.js';

const V1 = { payload: '1.0' } as const;
const V2 = { payload: '2.0' } as const;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

describe('fromInvocationResult with payload 2.0', () => {
  it('sends a structured response with cookies as separate set-cookie headers', () => {
    const response = fromInvocationResult(
      okResult({ statusCode: 201, headers: { 'content-type': 'text/plain' }, cookies: ['a=1; Path=/', 'b=2'], body: 'made' }),
      V2,
    );
    expect(response).toEqual({
      statusCode: 201,
      headers: [
        ['content-type', 'text/plain'],
        ['set-cookie', 'a=1; Path=/'],
        ['set-cookie', 'b=2'],
      ],
      body: Buffer.from('made'),
    });
  });

  it('sends a plain object as a 200 JSON body', () => {
    const response = fromInvocationResult(okResult({ message: 'hi' }), V2);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual([['content-type', 'application/json']]);
    expect(response.body.toString()).toBe('{"message":"hi"}');
  });

  it('sends a returned string without JSON quotes', () => {
    expect(fromInvocationResult(okResult('Hello from Lambda!'), V2).body.toString()).toBe('Hello from Lambda!');
  });

  it('decodes a base64 body to bytes whatever its content type', () => {
    const response = fromInvocationResult(
      okResult({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: PNG.toString('base64'), isBase64Encoded: true }),
      V2,
    );
    expect(response.body.equals(PNG)).toBe(true);
  });

  it('adds content-type application/json when the function set none', () => {
    expect(fromInvocationResult(okResult({ statusCode: 204 }), V2).headers).toEqual([['content-type', 'application/json']]);
  });

  it('keeps a function Content-Type in any casing and adds no second one', () => {
    expect(fromInvocationResult(okResult({ statusCode: 200, headers: { 'Content-Type': 'text/html' } }), V2).headers).toEqual([
      ['Content-Type', 'text/html'],
    ]);
  });

  it('answers a malformed response with 500 Internal Server Error and says why', () => {
    const interpreted = interpretInvocationResult(okResult({ statusCode: 200, body: { a: 1 } }), V2);
    expect(interpreted.response).toEqual(gatewayError('malformed-response', 'http'));
    expect(interpreted.problem).toBe('Malformed Lambda proxy response: body is an object; it must be a string (JSON.stringify objects yourself)');
  });
});

describe('fromInvocationResult with payload 1.0', () => {
  it('sends status, merged headers and body', () => {
    const response = fromInvocationResult(
      okResult({
        statusCode: 200,
        headers: { 'Content-Type': 'application/json', 'X-Both': 'single' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'X-Both': ['multi'] },
        body: '{"ok":true}',
      }),
      V1,
    );
    expect(response).toEqual({
      statusCode: 200,
      headers: [
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['X-Both', 'multi'],
        ['Content-Type', 'application/json'],
      ],
      body: Buffer.from('{"ok":true}'),
    });
  });

  it('answers an object without statusCode with 502 and the reason', () => {
    const interpreted = interpretInvocationResult(okResult({ message: 'hi' }), V1);
    expect(interpreted.response).toEqual(gatewayError('malformed-response', 'rest'));
    expect(interpreted.response.statusCode).toBe(502);
    expect(interpreted.problem).toBe('Malformed Lambda proxy response: statusCode is missing');
  });

  it('answers a handler that returned nothing with 502', () => {
    expect(fromInvocationResult(okResult(undefined), V1).statusCode).toBe(502);
  });

  it('sends base64 text as it is when no binary media type matches the Accept header', () => {
    const result = okResult({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: PNG.toString('base64'), isBase64Encoded: true });
    expect(fromInvocationResult(result, V1).body.toString()).toBe(PNG.toString('base64'));
    expect(fromInvocationResult(result, { ...V1, accept: 'image/png' }).body.toString()).toBe(PNG.toString('base64'));
    expect(fromInvocationResult(result, { ...V1, accept: 'text/html, image/png', binaryMediaTypes: ['image/png'] }).body.toString()).toBe(
      PNG.toString('base64'),
    );
  });

  it.each([
    ['image/png', ['image/png']],
    ['image/png;q=0.9, */*', ['image/*']],
    ['application/octet-stream', ['*/*']],
  ])('decodes base64 to bytes when Accept %s matches binaryMediaTypes %j', (accept, binaryMediaTypes) => {
    const result = okResult({ statusCode: 200, body: PNG.toString('base64'), isBase64Encoded: true });
    expect(fromInvocationResult(result, { ...V1, accept, binaryMediaTypes }).body.equals(PNG)).toBe(true);
  });
});

describe('fromInvocationResult for failed invocations', () => {
  it.each(['error', 'timeout', 'out-of-memory', 'crash', 'init-error'] as const)('answers a %s as a function error', (outcome) => {
    const rest = interpretInvocationResult(errorResult(outcome), V1);
    expect(rest.response).toEqual(gatewayError('function-error', 'rest'));
    expect(rest.response.statusCode).toBe(502);
    expect(rest.problem).toBe('Lambda function error: Error: boom');
    expect(fromInvocationResult(errorResult(outcome), V2)).toEqual(gatewayError('function-error', 'http'));
  });

  it('answers a throttled invocation as a rejected invoke: 500 on both APIs', () => {
    const rest = interpretInvocationResult(errorResult('throttled'), V1);
    expect(rest.response).toEqual(gatewayError('invoke-rejected', 'rest'));
    expect(rest.response.statusCode).toBe(500);
    expect(rest.problem).toBe('Lambda rejected the invocation: TooManyRequestsException: boom');
    expect(fromInvocationResult(errorResult('throttled'), V2).statusCode).toBe(500);
  });
});

describe('fromInvocationResult and the integration timeout', () => {
  it('answers REST with 504 once the invocation took 29 s, even if it then succeeded', () => {
    expect(fromInvocationResult(okResult({ statusCode: 200 }, { durationMs: 28_999 }), V1).statusCode).toBe(200);
    const late = interpretInvocationResult(okResult({ statusCode: 200 }, { durationMs: 29_000 }), V1);
    expect(late.response).toEqual(gatewayError('integration-timeout', 'rest'));
    expect(late.problem).toBe('Execution failed due to a timeout error (29000 ms)');
  });

  it('answers HTTP APIs with 503 once the invocation took 30 s', () => {
    expect(fromInvocationResult(okResult('x', { durationMs: 29_999 }), V2).statusCode).toBe(200);
    expect(fromInvocationResult(okResult('x', { durationMs: 30_000 }), V2)).toEqual(gatewayError('integration-timeout', 'http'));
  });

  it('treats a function that timed out before the gateway limit as a function error', () => {
    expect(fromInvocationResult(errorResult('timeout', { durationMs: 3_000 }), V1).statusCode).toBe(502);
    expect(fromInvocationResult(errorResult('timeout', { durationMs: 60_000 }), V1).statusCode).toBe(504);
  });
});

describe('binary bodies, request to response', () => {
  const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
  const request = makeRequest({ method: 'POST', target: '/upload', body: bytes, headers: [['Content-Type', 'image/png'], ['Accept', 'image/png']] });
  // An echo handler: returns the body it was given, flagged as it arrived.
  const echo = (event: { body?: string | null; isBase64Encoded: boolean }) =>
    okResult({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: event.body, isBase64Encoded: event.isBase64Encoded });

  it('survives an HTTP API round trip byte for byte', () => {
    const match = createRouter([{ routeKey: 'POST /upload', functionName: 'echo', payload: '2.0' }]).match('POST', '/upload');
    if (match === undefined) throw new Error('no match');
    const event = toApiGatewayV2Event(request, match, defaultGatewaySettings('us-east-1', '2.0'));
    expect(event.isBase64Encoded).toBe(true);
    expect(fromInvocationResult(echo(event), V2).body.equals(bytes)).toBe(true);
  });

  it('survives a REST round trip when image/png is a binary media type', () => {
    const match = createRouter([{ routeKey: 'POST /upload', functionName: 'echo', payload: '1.0' }]).match('POST', '/upload');
    if (match === undefined) throw new Error('no match');
    const settings = { ...defaultGatewaySettings('us-east-1', '1.0'), binaryMediaTypes: ['image/png'] };
    const event = toApiGatewayV1Event(request, match, settings);
    expect(event.isBase64Encoded).toBe(true);
    const response = fromInvocationResult(echo(event), { ...V1, accept: 'image/png', binaryMediaTypes: ['image/png'] });
    expect(response.body.equals(bytes)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  gatewayError,
  HTTP_INTEGRATION_TIMEOUT_MS,
  integrationTimeoutMs,
  MAX_REQUEST_PAYLOAD_BYTES,
  REST_INTEGRATION_TIMEOUT_MS,
} from '../../../../src/sources/http/gateway-errors.js';
import type { GatewayErrorKind } from '../../../../src/sources/http/gateway-errors.js';
import type { ApiKind } from '../../../../src/sources/http/request.js';

type Row = [kind: GatewayErrorKind, api: ApiKind, status: number, body: string, errorType: string | undefined];

const TABLE: Row[] = [
  ['no-route', 'rest', 403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException'],
  ['function-error', 'rest', 502, '{"message": "Internal server error"}', 'InternalServerErrorException'],
  ['malformed-response', 'rest', 502, '{"message": "Internal server error"}', 'InternalServerErrorException'],
  ['invoke-rejected', 'rest', 500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
  ['integration-timeout', 'rest', 504, '{"message": "Endpoint request timed out"}', 'InternalServerErrorException'],
  ['throttled', 'rest', 429, '{"message":"Too Many Requests"}', 'TooManyRequestsException'],
  ['no-route', 'http', 404, '{"message":"Not Found"}', undefined],
  ['function-error', 'http', 500, '{"message":"Internal Server Error"}', undefined],
  ['malformed-response', 'http', 500, '{"message":"Internal Server Error"}', undefined],
  ['invoke-rejected', 'http', 500, '{"message":"Internal Server Error"}', undefined],
  ['integration-timeout', 'http', 503, '{"message":"Service Unavailable"}', undefined],
  ['throttled', 'http', 429, '{"message":"Too Many Requests"}', undefined],
];

describe('gatewayError', () => {
  it.each(TABLE)('%s on a %s API is %i %s', (kind, api, status, body, errorType) => {
    const response = gatewayError(kind, api);
    expect(response.statusCode).toBe(status);
    expect(response.body.toString('utf8')).toBe(body);
    expect(JSON.parse(response.body.toString('utf8'))).toHaveProperty('message');
    const contentType = api === 'rest' ? 'Content-Type' : 'content-type';
    const expected: Array<[string, string]> = [[contentType, 'application/json']];
    if (errorType !== undefined) expected.push(['x-amzn-ErrorType', errorType]);
    expect(response.headers).toEqual(expected);
  });

  it('matches the Content-Length of captured REST integration errors (36 and 41 bytes)', () => {
    expect(gatewayError('function-error', 'rest').body.length).toBe(36);
    expect(gatewayError('integration-timeout', 'rest').body.length).toBe(41);
  });

  it.each(['rest', 'http'] as const)('answers an oversized %s request with 413 plain text', (api) => {
    const response = gatewayError('payload-too-large', api);
    expect(response.statusCode).toBe(413);
    expect(response.body.toString()).toBe('HTTP content length exceeded 10485760 bytes.');
    expect(response.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1]).toBe('text/plain');
    expect(response.headers.some(([n]) => n === 'x-amzn-ErrorType')).toBe(false);
  });

  it('returns a fresh response each time, so callers may change it', () => {
    const a = gatewayError('no-route', 'http');
    a.headers.push(['x', 'y']);
    expect(gatewayError('no-route', 'http').headers).toHaveLength(1);
  });
});

describe('gateway limits', () => {
  it('exposes the integration timeouts: 29 s for REST, 30 s for HTTP APIs', () => {
    expect(REST_INTEGRATION_TIMEOUT_MS).toBe(29_000);
    expect(HTTP_INTEGRATION_TIMEOUT_MS).toBe(30_000);
    expect(integrationTimeoutMs('rest')).toBe(29_000);
    expect(integrationTimeoutMs('http')).toBe(30_000);
  });

  it('limits request payloads to 10 MB', () => {
    expect(MAX_REQUEST_PAYLOAD_BYTES).toBe(10_485_760);
  });
});

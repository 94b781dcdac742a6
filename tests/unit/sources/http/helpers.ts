/**
 * Shared builders for the API Gateway unit tests: requests like the reference sample events,
 * invocation results, and a recursive "same keys, same types" shape comparison.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InvocationRecord, InvocationResult } from '../../../../src/runtime/types.js';
import { createGatewayRequest, withForwardedHeaders, traceIdFor } from '../../../../src/sources/http/request.js';
import type { GatewayRequest, GatewayRequestInit, HeaderPair } from '../../../../src/sources/http/request.js';

export const SAMPLE_TIME_MS = 1714564800000;
export const SAMPLE_HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
export const SAMPLE_UA = 'Mozilla/5.0 (X11; Linux x86_64) ExampleClient/1.0';
export const SAMPLE_IP = '203.0.113.10';

export function loadSampleEvent(name: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(`../../../../events/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** A request with sensible defaults; override any field. */
export function makeRequest(overrides: Partial<GatewayRequestInit> & { headers?: readonly HeaderPair[] } = {}): GatewayRequest {
  const { headers, ...rest } = overrides;
  return createGatewayRequest({
    method: 'GET',
    target: '/',
    rawHeaders: headers ?? [['Host', 'localhost:3000'], ['User-Agent', 'test-agent/1.0']],
    sourceIp: '127.0.0.1',
    requestTimeEpochMs: SAMPLE_TIME_MS,
    requestId: '0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19',
    extendedRequestId: 'XyZ1AbCdEFGHIJk=',
    ...rest,
  });
}

/** The request behind the sample events: client headers, then what API Gateway adds. */
export function sampleRequest(init: Partial<GatewayRequestInit> & { headers: readonly HeaderPair[]; traceRandom: string }): GatewayRequest {
  const { headers, traceRandom, ...rest } = init;
  const request = makeRequest({ sourceIp: SAMPLE_IP, headers, ...rest });
  return withForwardedHeaders(request, {
    port: 443,
    proto: 'https',
    traceId: traceIdFor(request.requestTimeEpochMs, traceRandom),
  });
}

export { shapeDifferences } from '../../../support/shape.js';

export function makeRecord(overrides: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    requestId: 'r-1',
    functionName: 'hello',
    generation: 1,
    source: 'http',
    startedAt: '2024-05-01T12:00:00.000Z',
    coldStart: false,
    durationMs: 12,
    billedDurationMs: 12,
    memorySizeMb: 128,
    maxMemoryUsedMb: 40,
    architecture: 'x86_64',
    gbSeconds: 0.0015,
    costUsd: 0,
    outcome: 'success',
    ...overrides,
  };
}

export function okResult(payload: unknown, record: Partial<InvocationRecord> = {}): InvocationResult {
  return { ok: true, payload, record: makeRecord(record), logs: '' };
}

export function errorResult(outcome: InvocationRecord['outcome'], record: Partial<InvocationRecord> = {}): InvocationResult {
  return {
    ok: false,
    error: { errorType: outcome === 'throttled' ? 'TooManyRequestsException' : 'Error', errorMessage: 'boom', trace: [] },
    record: makeRecord({ outcome, ...record }),
    logs: '',
  };
}

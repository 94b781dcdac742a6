import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, waitFor, type FixtureProject } from '../../support/fixture.js';
import { API_GATEWAY_EVENT_MAPS, shapeDifferences } from '../../support/shape.js';

const SAMPLES = resolve(import.meta.dirname, '../../../events');
const sample = (name: string) => JSON.parse(readFileSync(join(SAMPLES, name), 'utf8')) as Record<string, unknown>;

let project: FixtureProject;
let lk: Lambkin;
let base: string;

beforeAll(async () => {
  project = copyFixture('http');
  lk = await createLambkin({ dir: project.dir, logger: new MemoryLogger(), port: 0, integrationTimeoutMs: 1000 });
  await lk.start();
  base = lk.url!;
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

async function json(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(base + path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Raw request, for what fetch cannot send: repeated headers in a given order. */
function rawRequest(path: string, headers: Array<[string, string]>): Promise<{ status: number; body: string }> {
  const url = new URL(base + path);
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers: [['Host', url.host], ...headers].flat() }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('events (payload 2.0, HTTP API)', () => {
  it('has every field of the reference GET sample, with the same types', async () => {
    const { status, body } = await json('/items/42?color=red&color=blue&size=m', {
      headers: { 'user-agent': 'test-agent', cookie: 'session=abc; theme=dark' },
    });
    expect(status).toBe(200);
    expect(shapeDifferences(sample('apigw-http-get.json'), body, '$', API_GATEWAY_EVENT_MAPS)).toEqual([]);
    expect(body).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'color=red&color=blue&size=m',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { color: 'red,blue', size: 'm' },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
    });
    const ctx = body['requestContext'] as Record<string, unknown>;
    expect(ctx).toMatchObject({ stage: '$default', routeKey: 'GET /items/{id}', accountId: '123456789012' });
    expect(ctx['http']).toMatchObject({ method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test-agent' });
    expect(ctx['domainName']).toBe(new URL(base).host);
    expect(typeof ctx['timeEpoch']).toBe('number');
  });

  it('has every field of the reference POST sample, with the same types', async () => {
    const { body } = await json('/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"widget"}' });
    expect(shapeDifferences(sample('apigw-http-post-json.json'), body, '$', API_GATEWAY_EVENT_MAPS)).toEqual([]);
    expect(body).toMatchObject({ body: '{"name":"widget"}', isBase64Encoded: false, routeKey: 'POST /items' });
  });

  it('lower-cases headers and joins repeated ones with commas', async () => {
    const { body } = await rawRequest('/items/1', [['X-Custom', 'one'], ['x-custom', 'two'], ['Accept', 'text/plain']]);
    const headers = (JSON.parse(body) as { headers: Record<string, string> }).headers;
    expect(headers['x-custom']).toBe('one,two');
    expect(headers['accept']).toBe('text/plain');
    expect(Object.keys(headers).every((h) => h === h.toLowerCase())).toBe(true);
  });
});

describe('events (payload 1.0, REST API)', () => {
  it('has every field of the reference REST sample, with the same types', async () => {
    const { status, body } = await json('/rest/pets/7?tag=a&tag=b', { headers: { 'user-agent': 'test-agent' } });
    expect(status).toBe(200);
    expect(shapeDifferences(sample('apigw-rest-get.json'), body, '$', API_GATEWAY_EVENT_MAPS)).toEqual([]);
    expect(body).toMatchObject({
      resource: '/rest/pets/{petId}',
      path: '/rest/pets/7',
      httpMethod: 'GET',
      pathParameters: { petId: '7' },
      queryStringParameters: { tag: 'b' },
      multiValueQueryStringParameters: { tag: ['a', 'b'] },
      body: null,
      isBase64Encoded: false,
    });
    expect(body).not.toHaveProperty('version');
  });

  it('gives repeated headers in multiValueHeaders', async () => {
    const { body } = await rawRequest('/rest/pets/1', [['X-Custom', 'one'], ['X-Custom', 'two']]);
    const event = JSON.parse(body) as { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> };
    expect(event.multiValueHeaders['X-Custom']).toEqual(['one', 'two']);
    expect(event.headers['X-Custom']).toBe('two');
  });
});

describe('routing', () => {
  it('prefers the exact path over a parameter, whatever the config order', async () => {
    expect((await json('/items/special')).body['routeKey']).toBe('GET /items/special');
    expect((await json('/items/other')).body['routeKey']).toBe('GET /items/{id}');
  });

  it('matches a greedy path with ANY and gives the rest of the path', async () => {
    const { body } = await json('/files/a/b/c.txt', { method: 'DELETE' });
    expect(body).toMatchObject({ routeKey: 'ANY /files/{path+}', pathParameters: { path: 'a/b/c.txt' } });
  });

  it('sends what no route matches to $default', async () => {
    const { status, body } = await json('/nothing/here');
    expect(status).toBe(200);
    expect(body['routeKey']).toBe('$default');
  });
});

describe('responses', () => {
  it('round-trips a binary body byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));
    const res = await fetch(`${base}/binary`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('sends 2.0 cookies as Set-Cookie headers', async () => {
    const res = await fetch(`${base}/cookies`);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(res.headers.get('x-one')).toBe('yes');
  });

  it('sends 1.0 multiValueHeaders as repeated headers', async () => {
    const res = await fetch(`${base}/rest/cookies`);
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(res.headers.get('x-multi')).toBe('x, y');
  });

  it('sends a 2.0 result that is not a response object as 200 JSON', async () => {
    const res = await fetch(`${base}/plain`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ hello: 'world' });
  });
});

describe("API Gateway's own errors", () => {
  it.each([
    ['/throws', 500, { message: 'Internal Server Error' }],
    ['/rest/throws', 502, { message: 'Internal server error' }],
    ['/malformed', 500, { message: 'Internal Server Error' }],
    ['/rest/malformed', 502, { message: 'Internal server error' }],
  ])('answers %s with %i', async (path, status, body) => {
    const res = await json(path);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
  });

  it('answers past the integration timeout while the function runs on to its own end, billed', async () => {
    const started = performance.now();
    const rest = await json('/rest/slow?ms=1500');
    expect(performance.now() - started).toBeLessThan(1450);
    expect(rest.status).toBe(504);
    expect(rest.body).toEqual({ message: 'Endpoint request timed out' });
    const http = await json('/slow?ms=1400');
    expect(http.status).toBe(503);
    const finished = await waitFor(() => {
      const file = join(project.dir, 'slow-finished.log');
      const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
      return lines.includes('1500') && lines.includes('1400') ? lines : undefined;
    }, 'the slow invocations to finish');
    expect(finished).toEqual(expect.arrayContaining(['1500', '1400']));
    await lk.flushLedger();
    const records = readFileSync(join(project.dir, '.lambkin', 'invocations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { functionName: string; durationMs: number; outcome: string });
    expect(records.some((r) => r.functionName === 'slow' && r.durationMs >= 1500 && r.outcome === 'success')).toBe(true);
  });

  it('answers a body over 10 MB with 413 before any function runs', async () => {
    const res = await fetch(`${base}/items`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });

  it('throttles beyond reservedConcurrency 2: 20 parallel requests, none lost', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/slow?ms=300`).then(async (r) => ({ status: r.status, body: await r.text() }))));
    const ok = responses.filter((r) => r.status === 200);
    const throttled = responses.filter((r) => r.status === 500);
    expect(ok.length + throttled.length).toBe(20);
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(ok.length).toBeLessThanOrEqual(4);
    expect(throttled.every((r) => JSON.parse(r.body).message === 'Internal Server Error')).toBe(true);
  });
});

describe('CORS (HTTP API)', () => {
  it('answers a preflight itself, without invoking the function', async () => {
    const res = await fetch(`${base}/files/x`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.local', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.local');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  const preflight = { origin: 'http://app.local', 'access-control-request-method': 'GET' };

  it("leaves a REST route's preflight to REST: an ANY route gets the OPTIONS, invoked", async () => {
    const { status, body, headers } = await json('/rest/any/x', { method: 'OPTIONS', headers: preflight });
    expect(status).toBe(200);
    expect(body).toMatchObject({ httpMethod: 'OPTIONS', resource: '/rest/any/{proxy+}', path: '/rest/any/x' });
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });

  it("answers a REST resource's missing method with REST's 403, not the HTTP API's $default or CORS", async () => {
    for (const init of [{ method: 'OPTIONS', headers: preflight }, { method: 'DELETE' }]) {
      const { status, body } = await json('/rest/pets/1', init);
      expect(status).toBe(403);
      expect(body).toEqual({ message: 'Missing Authentication Token' });
    }
  });

  it('adds CORS headers to a normal response for an allowed origin only', async () => {
    const allowed = await fetch(`${base}/items/1`, { headers: { origin: 'http://app.local' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.local');
    const other = await fetch(`${base}/items/1`, { headers: { origin: 'http://evil.local' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { silentLogger } from '../../../src/log.js';
import { nextSequencer } from '../../../src/sources/s3/sequencer.js';
import { toS3Event } from '../../../src/sources/s3/to-event.js';
import { toScheduledEvent } from '../../../src/sources/schedule/to-event.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';
import { runCli } from '../../support/run-cli.js';
import { shapeDifferences } from '../../support/shape.js';

let project: FixtureProject;
let lk: Lambkin;

beforeAll(async () => {
  project = copyFixture('event');
  lk = await createLambkin({ dir: project.dir, logger: silentLogger, port: 0 });
  await lk.start();
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

function sample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../events/${name}`, import.meta.url), 'utf8'));
}

async function lambkinEvent(...args: string[]): Promise<Record<string, unknown>> {
  const run = await runCli(['event', ...args], { cwd: project.dir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** What API Gateway on `lambkin dev` hands a function for this request (http-echo sends it back). */
async function realHttpEvent(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${lk.url}${path}`, init);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

// Header and query maps are dictionaries keyed by whatever the client sent: their keys belong to
// the request, not to the event's shape. Each becomes one entry, so only its value type is compared.
const DICTIONARIES = ['headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'stageVariables'];

function eventShape(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return event;
  const copy = { ...(event as Record<string, unknown>) };
  for (const name of DICTIONARIES) {
    const map = copy[name];
    if (typeof map === 'object' && map !== null && !Array.isArray(map)) {
      const first = Object.values(map)[0];
      copy[name] = first === undefined ? {} : { '*': first };
    }
  }
  return copy;
}

function expectSameShape(expected: unknown, actual: unknown): void {
  expect(shapeDifferences(eventShape(expected), eventShape(actual))).toEqual([]);
}

const PET_QUERY = '/pets/42?include=owner&include=toys';
const COOKIE = 'session=abc123; theme=dark';

describe('lambkin event', () => {
  it('http: the same shape as the HTTP API event the gateway sends, and as events/apigw-http-get.json', async () => {
    const printed = await lambkinEvent('http', '--path', PET_QUERY, '--route', 'GET /pets/{petId}', '--header', `Cookie: ${COOKIE}`);
    const real = await realHttpEvent(PET_QUERY, { headers: { cookie: COOKIE } });
    expectSameShape(real, printed);
    expectSameShape(sample('apigw-http-get.json'), printed);
    expect(printed).toMatchObject({ routeKey: 'GET /pets/{petId}', rawPath: '/pets/42', pathParameters: { petId: '42' }, cookies: ['session=abc123', 'theme=dark'] });
  });

  it('http with a body: the same shape as a real POST and as events/apigw-http-post-json.json', async () => {
    const body = '{"name":"Rex","type":"dog"}';
    const printed = await lambkinEvent('http', '--method', 'POST', '--path', '/pets', '--body', body);
    const real = await realHttpEvent('/pets', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expectSameShape(real, printed);
    expectSameShape(sample('apigw-http-post-json.json'), printed);
    expect(printed).toMatchObject({ body, isBase64Encoded: false, routeKey: 'POST /pets' });
  });

  it('rest: the same shape as the REST API (payload 1.0) event the gateway sends, and as events/apigw-rest-get.json', async () => {
    const query = '?include=owner&include=toys&verbose=true';
    const printed = await lambkinEvent('rest', '--path', `/shop/pets/42${query}`, '--route', 'GET /shop/pets/{petId}');
    const real = await realHttpEvent(`/shop/pets/42${query}`);
    expectSameShape(real, printed);
    expectSameShape(sample('apigw-rest-get.json'), printed);
    expect(printed).toMatchObject({ resource: '/shop/pets/{petId}', path: '/shop/pets/42', multiValueQueryStringParameters: { include: ['owner', 'toys'] } });
  });

  it('s3-put: the same shape as toS3Event gives the S3 source, and as events/s3-put.json', async () => {
    const printed = await lambkinEvent('s3-put', '--bucket', 'uploads', '--key', 'incoming/red flower.jpg', '--size', '2048');
    const time = new Date();
    const fromSource = toS3Event(
      { kind: 'created', eventName: 'ObjectCreated:Put', bucket: 'uploads', key: 'a.jpg', size: 1, eTag: '"0cc175b9c0f1b6a831c399e269772661"', sequencer: nextSequencer(undefined, time), time, sourceIp: '127.0.0.1', requestId: 'A1B2C3D4E5F60718' },
      { region: 'us-east-1', configurationId: 'uploads-to-fn' },
    );
    expectSameShape(fromSource, printed);
    expectSameShape(sample('s3-put.json'), printed);
    expect(printed).toMatchObject({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'uploads' }, object: { key: 'incoming/red+flower.jpg', size: 2048 } } }] });
  });

  it('s3-delete: the same shape as toS3Event gives the S3 source, and as events/s3-delete.json', async () => {
    const printed = await lambkinEvent('s3-delete', '--key', 'uploads/hello world.txt');
    const time = new Date();
    const fromSource = toS3Event(
      { kind: 'removed', eventName: 'ObjectRemoved:Delete', bucket: 'uploads', key: 'a.jpg', sequencer: nextSequencer(undefined, time), time, sourceIp: '127.0.0.1', requestId: 'A1B2C3D4E5F60718' },
      { region: 'us-east-1', configurationId: 'uploads-to-fn' },
    );
    expectSameShape(fromSource, printed);
    expectSameShape(sample('s3-delete.json'), printed);
  });

  it('schedule: the same shape as the Scheduled Event a rule sends, and as events/scheduled.json', async () => {
    const printed = await lambkinEvent('schedule', '--rule', 'nightly-report');
    const fromSource = toScheduledEvent({ time: new Date(), region: 'us-east-1', accountId: '123456789012', ruleName: 'nightly-report' });
    expectSameShape(fromSource, printed);
    expectSameShape(sample('scheduled.json'), printed);
    expect(printed).toMatchObject({ resources: ['arn:aws:events:us-east-1:123456789012:rule/nightly-report'] });
    expect(printed['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  });

  it.each([['http'], ['rest'], ['s3-put'], ['s3-delete'], ['schedule']])('%s: pipes into `lambkin invoke fn --event -`', async (kind) => {
    const printed = await runCli(['event', kind], { cwd: project.dir });
    const run = await runCli(['invoke', 'echo', '--event', '-'], { cwd: project.dir, input: printed.stdout });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(printed.stdout));
  });

  it('refuses an option of another kind of event', async () => {
    const run = await runCli(['event', 'schedule', '--bucket', 'uploads'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--bucket: not an option of 'schedule' events (it takes --dir, --rule)");
  });

  it('refuses an unknown kind, listing the kinds', async () => {
    const run = await runCli(['event', 'sqs'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name one event kind: s3-put, s3-delete, http, rest, schedule');
  });

  it('refuses a route that does not match the path', async () => {
    const run = await runCli(['event', 'http', '--path', '/users/7', '--route', 'GET /pets/{petId}'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--route GET /pets/{petId} does not match GET /users/7');
  });
});

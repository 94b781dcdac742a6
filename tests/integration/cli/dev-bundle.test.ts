// `lambkin dev` as users run it: the built bin and its bundle, which replaces some of express's
// dependencies with smaller stand-ins (scripts/build.js: common mime types only, no qs, UTF-8
// only). Every request path that reaches those stand-ins is exercised here, where other tests run
// lambkin from source with the real packages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevProcess, type DevProcess } from '../../support/dev-process.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';

let project: FixtureProject;
let dev: DevProcess;
let gateway: string;
let endpoint: string;

beforeAll(async () => {
  project = copyFixture('lambda-api');
  writeFileSync(join(project.dir, 'lambkin.config.json'), JSON.stringify({
    functions: { echo: { events: [{ http: 'POST /echo' }] } },
    buckets: ['files'],
  }));
  mkdirSync(join(project.dir, 'buckets', 'files', 'docs'), { recursive: true });
  writeFileSync(join(project.dir, 'buckets', 'files', 'docs', 'a.txt'), 'hello');
  dev = await startDevProcess(project.dir);
  gateway = dev.gatewayUrl;
  endpoint = dev.awsUrl;
});
afterAll(async () => {
  await dev?.stop();
  project?.remove();
});

describe('lambkin dev from the bundle', () => {
  it('routes a request with a UTF-8 JSON body to the function', async () => {
    const res = await fetch(`${gateway}/echo?lang=fr`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ word: 'déjà vu' }) });
    expect(res.status).toBe(200);
    const { event } = (await res.json()) as { event: { body: string; rawQueryString: string; isBase64Encoded: boolean } };
    expect(event.isBase64Encoded).toBe(false);
    expect(JSON.parse(event.body)).toEqual({ word: 'déjà vu' });
    expect(event.rawQueryString).toBe('lang=fr');
  });

  it('reads the Invoke API Qualifier from the query string (express query parser)', async () => {
    const res = await fetch(`${endpoint}/2015-03-31/functions/echo/invocations?Qualifier=%24LATEST`, { method: 'POST', body: '{"n":1}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(((await res.json()) as { event: unknown }).event).toEqual({ n: 1 });
  });

  it('answers control calls as JSON with a charset (express content types)', async () => {
    const res = await fetch(`${endpoint}/__lambkin/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await res.json()) as { functions: string[] }).functions).toContain('echo');
  });

  it('lists a bucket through the S3 API with query parameters', async () => {
    const res = await fetch(`${endpoint}/files?list-type=2&prefix=docs%2F`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<Key>docs/a.txt</Key>');
    expect(xml).toContain('<Prefix>docs/</Prefix>');
  });
});

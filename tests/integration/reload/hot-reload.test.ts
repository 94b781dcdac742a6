import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, waitFor, type FixtureProject } from '../../support/fixture.js';

let project: FixtureProject;
let lk: Lambkin;
const logger = new MemoryLogger();

beforeAll(async () => {
  project = copyFixture('reload');
  lk = await createLambkin({ dir: project.dir, logger, port: 0, watch: true });
  await lk.start();
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

/** Saves a file the way editors do: write a temporary file, then rename it over the old one. */
function save(relativePath: string, text: string): void {
  const file = join(project.dir, relativePath);
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

async function body(path: string): Promise<string> {
  const res = await fetch(lk.url! + path);
  return `${res.status} ${await res.text()}`;
}

const untilBody = (path: string, expected: string) =>
  waitFor(async () => ((await body(path)) === expected ? true : undefined), `${path} to answer ${expected}`);

const generation = (name: string) => lk.registry.get(name)!.generation;

describe('hot reload', () => {
  it('finishes a request in flight on the old code and serves the next on the new code', async () => {
    expect(await body('/slow')).toBe('200 slow:v1');
    const inFlight = body('/slow?ms=1500');
    await waitFor(() => (lk.registry.get('slow')!.pool.busy > 0 ? true : undefined), 'the slow request to start');
    const before = generation('slow');
    save('functions/slow.ts', readFileSync(join(project.dir, 'functions/slow.ts'), 'utf8').replace('slow:v1', 'slow:v2'));
    await untilBody('/slow', '200 slow:v2');
    expect(await inFlight).toBe('200 slow:v1');
    expect(generation('slow')).toBe(before + 1);
  });

  it('keeps serving the last good build after a broken edit, shows the error once, and recovers on the fix', async () => {
    const good = readFileSync(join(project.dir, 'functions/other.ts'), 'utf8');
    const errorsBefore = logger.lines.filter((l) => l.startsWith('error:')).length;
    save('functions/other.ts', 'export const handler = async () => ({ statusCode: 200, body: "broken" ');
    const error = await waitFor(() => logger.lines.slice(0).filter((l) => l.startsWith('error:')).slice(errorsBefore)[0], 'the build error');
    expect(error).toMatch(/functions\/other\.ts:1:\d+: /);
    expect(error).toContain('keeps serving its last good build');
    expect(await body('/other')).toBe('200 other:v1');
    save('functions/other.ts', good.replace('other:v1', 'other:v2'));
    await untilBody('/other', '200 other:v2');
    expect(logger.lines.filter((l) => l.startsWith('error:')).slice(errorsBefore)).toHaveLength(1);
  });

  it('rebuilds both functions that import a changed shared module, and no other', async () => {
    const before = { greet: generation('greet'), farewell: generation('farewell'), other: generation('other'), slow: generation('slow') };
    save('lib/words.ts', "export const WORD = 'bonjour';\n");
    await untilBody('/greet', '200 greet:bonjour');
    await untilBody('/farewell', '200 farewell:bonjour');
    expect(generation('greet')).toBe(before.greet + 1);
    expect(generation('farewell')).toBe(before.farewell + 1);
    expect(generation('other')).toBe(before.other);
    expect(generation('slow')).toBe(before.slow);
  });

  it('applies a config change: a new route and a new timeout, without a restart', async () => {
    const config = JSON.parse(readFileSync(join(project.dir, 'lambkin.config.json'), 'utf8'));
    config.functions.other.events.push({ http: 'GET /other-too' });
    config.functions.slow.timeout = 1;
    save('lambkin.config.json', JSON.stringify(config, null, 2));
    await untilBody('/other-too', '200 other:v2');
    await waitFor(() => (lk.registry.get('slow')!.config.timeoutSec === 1 ? true : undefined), 'the new timeout');
    expect(await body('/slow?ms=1500')).toBe('500 {"message":"Internal Server Error"}');
  });

  it('reports an invalid config change and keeps the running configuration', async () => {
    const text = readFileSync(join(project.dir, 'lambkin.config.json'), 'utf8');
    save('lambkin.config.json', text.replace('"timeout": 1', '"timeout": 901'));
    await waitFor(() => logger.lines.find((l) => l.includes('configuration change not applied') && l.includes('functions.slow.timeout: 901 is above the 900 s maximum')), 'the config error');
    expect(lk.registry.get('slow')!.config.timeoutSec).toBe(1);
    save('lambkin.config.json', text);
  });

  it('routes a new handler file once the config names it', async () => {
    save('functions/fresh.ts', "export const handler = async () => ({ statusCode: 200, body: 'fresh' });\n");
    const config = JSON.parse(readFileSync(join(project.dir, 'lambkin.config.json'), 'utf8'));
    config.functions.fresh = { events: [{ http: 'GET /fresh' }] };
    save('lambkin.config.json', JSON.stringify(config, null, 2));
    await untilBody('/fresh', '200 fresh');
  });

  it("applies a new region to the function's environment and ARN", async () => {
    save('functions/whereami.ts', 'export const handler = async (_e: unknown, context: { invokedFunctionArn: string }) => ({ statusCode: 200, body: `${process.env.AWS_REGION} ${context.invokedFunctionArn}` });\n');
    const config = JSON.parse(readFileSync(join(project.dir, 'lambkin.config.json'), 'utf8'));
    config.functions.whereami = { events: [{ http: 'GET /whereami' }] };
    save('lambkin.config.json', JSON.stringify(config, null, 2));
    const before = `${lk.config.region} arn:aws:lambda:${lk.config.region}:${lk.config.accountId}:function:whereami`;
    await untilBody('/whereami', `200 ${before}`);
    config.region = 'ap-south-1';
    save('lambkin.config.json', JSON.stringify(config, null, 2));
    await untilBody('/whereami', `200 ap-south-1 arn:aws:lambda:ap-south-1:${lk.config.accountId}:function:whereami`);
  });

  it('leaves exactly one environment per function after 200 rapid saves', async () => {
    const source = readFileSync(join(project.dir, 'functions/other.ts'), 'utf8');
    for (let i = 0; i < 200; i++) {
      save('functions/other.ts', source.replace(/other:v\d+/, `other:v${100 + i}`));
      if (i % 20 === 0) await body('/other');
    }
    await untilBody('/other', '200 other:v299');
    // Every environment of the 200 replaced generations ends: what is left is at most one per
    // function (the ones that served a request) plus the one spare worker (all use 128 MB).
    const functions = lk.registry.handles().length;
    await waitFor(
      () => (lk.registry.handles().every((h) => h.pool.size <= 1) && lk.liveWorkers() <= functions + 1 ? true : undefined),
      () => `at most one environment per function and ${functions + 1} workers in all (now ${lk.liveWorkers()})`,
    );
    expect(await body('/other')).toBe('200 other:v299');
    expect(lk.registry.get('other')!.pool.size).toBe(1);
    expect(lk.liveWorkers()).toBeLessThanOrEqual(functions + 1);
  });
});

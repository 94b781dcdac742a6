import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBanner } from '../../../src/commands/banner.js';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';
import { runCli } from '../../support/run-cli.js';
import { shapeDifferences } from '../../support/shape.js';

const sample = JSON.parse(readFileSync(new URL('../../../events/scheduled.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** A port nothing listens on: one the OS just gave out and took back. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let project: FixtureProject;
let lk: Lambkin;
let awsPort: string;

interface Received {
  functionName: string;
  event: Record<string, unknown>;
}

function received(functionName: string): Received[] {
  const file = join(project.dir, 'received.jsonl');
  if (!existsSync(file)) return [];
  const all = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Received);
  return all.filter((r) => r.functionName === functionName);
}

beforeAll(async () => {
  project = copyFixture('schedule');
  lk = await createLambkin({ dir: project.dir, logger: new MemoryLogger(), awsPort: 0 });
  await lk.start();
  awsPort = new URL(lk.awsUrl!).port;
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

describe('lk.fireSchedule', () => {
  it('delivers the Scheduled Event of the function now, shaped like events/scheduled.json', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const ids = await lk.fireSchedule('nightly');
    expect(ids).toHaveLength(1);
    await lk.whenQueueIdle();
    const [delivered] = received('nightly');
    expect(delivered).toBeDefined();
    const event = delivered!.event;
    expect(Object.keys(event)).toEqual(Object.keys(sample));
    expect(shapeDifferences(sample, event)).toEqual([]);
    expect(event).toMatchObject({ region: 'eu-west-1', account: '123456789012', resources: ['arn:aws:events:eu-west-1:123456789012:rule/nightly-report'] });
    const time = Date.parse(event['time'] as string);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });

  it('fires every schedule of the function, the disabled one too, the constant input as given', async () => {
    expect(await lk.fireSchedule('reports')).toHaveLength(2);
    await lk.whenQueueIdle();
    const events = received('reports').map((r) => r.event);
    expect(events).toContainEqual({ report: 'daily' });
    expect(events.find((e) => e['detail-type'] === 'Scheduled Event')).toMatchObject({
      resources: ['arn:aws:events:eu-west-1:123456789012:rule/reports-schedule-2'],
    });
  });

  it('refuses a function without a schedule, naming the ones that have one', async () => {
    await expect(lk.fireSchedule('web')).rejects.toMatchObject({
      code: 'FUNCTION_NOT_FOUND',
      message: 'web has no schedule to fire (functions with schedules: fails, nightly, reports)',
    });
  });

  it('refuses before start', async () => {
    const idle = await createLambkin({ dir: project.dir, logger: new MemoryLogger() });
    await expect(idle.fireSchedule('nightly')).rejects.toMatchObject({ code: 'INSTANCE_STOPPED' });
  });
});

describe('lambkin fire', () => {
  it('fires the schedule in the running dev and prints the queued event id', async () => {
    const already = received('nightly').length;
    const run = await runCli(['fire', 'nightly', '--aws-port', awsPort], { cwd: project.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^fired the schedule of nightly in the lambkin dev on 127\\.0\\.0\\.1:${awsPort}; queued [0-9a-f-]{36}\\n$`));
    // The dev accepted the event before answering, so it is queued or delivered by now.
    await lk.whenQueueIdle();
    expect(received('nightly')).toHaveLength(already + 1);
  });

  it('exits 2 with the reason for a function without a schedule', async () => {
    const run = await runCli(['fire', 'web', '--aws-port', awsPort], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('lambkin: web has no schedule to fire (functions with schedules: fails, nightly, reports)\n');
  });

  it('exits 2 and says to start a dev when nothing answers', async () => {
    const port = await freePort();
    const run = await runCli(['fire', 'nightly', '--aws-port', String(port)], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`lambkin: no lambkin dev answering on 127.0.0.1:${port}; start \`lambkin dev\` first\n`);
  });

  it('exits 2 with the usage when no function is named', async () => {
    const run = await runCli(['fire'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: lambkin fire <function> [--aws-port 3001] [--host 127.0.0.1]');
  });
});

describe('next fire times', () => {
  it('lambkin list shows when each schedule fires next', async () => {
    const run = await runCli(['list'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {4}schedule cron\(0 2 \* \* \? \*\) {2}next \d{4}-\d\d-\d\dT02:00:00Z$/m);
    expect(run.stdout).toContain('    schedule rate(5 minutes)  first 5 minutes after `lambkin dev` starts\n');
    expect(run.stdout).toContain('    schedule cron(0 9 ? * MON *)  disabled (`lambkin fire` only)\n');
  });

  it('the dev banner shows the next fire time, rate() counted from the start', () => {
    const banner = formatBanner(lk, 1);
    expect(banner).toMatch(/^ {2}schedule cron\(0 3 \* \* \? \*\) {2}-> fails {2}next \d{4}-\d\d-\d\dT03:00:00Z$/m);
    const rate = /^ {2}schedule rate\(5 minutes\) {2}-> reports {2}next (\S+)$/m.exec(banner);
    expect(rate).not.toBeNull();
    const next = Date.parse(rate![1]!);
    expect(next).toBeGreaterThan(Date.now() - 1000);
    expect(next).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
  });
});

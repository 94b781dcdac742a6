import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DeadLetter } from '../../../src/async/event-store.js';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';
import { runCli } from '../../support/run-cli.js';

const RETRY = { retryDelaysMs: [20, 40], throttleBackoffMs: { initial: 10, max: 50 } };

let project: FixtureProject;
let lk: Lambkin;
let awsPort: string;

async function startOn(dir: string): Promise<Lambkin> {
  const started = await createLambkin({ dir, logger: new MemoryLogger(), awsPort: 0, retry: RETRY, only: ['fails-while-marked'] });
  await started.start();
  return started;
}

function files(folder: 'queue' | 'dlq'): string[] {
  try {
    return readdirSync(join(project.dir, '.lambkin', folder)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    return [];
  }
}

const letterFor = async (id: string) => (await lk.deadLetters()).find((d) => (d.event as { id: string }).id === id);

beforeAll(async () => {
  project = copyFixture('async');
  lk = await startOn(project.dir);
  awsPort = new URL(lk.awsUrl!).port;
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

// These run in order: the dead letters made by the second are redriven by the later ones.
describe('lambkin dlq', () => {
  it('says so when there are no dead letters to list or redrive', async () => {
    const run = await runCli(['dlq', 'list'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('no dead letters in .lambkin/dlq/\n');
    const redrive = await runCli(['dlq', 'redrive', '--aws-port', awsPort], { cwd: project.dir });
    expect(redrive.code).toBe(0);
    expect(redrive.stdout).toBe('no dead letters in .lambkin/dlq/ to redrive\n');
  });

  it('lists dead letters as JSON and as a table', async () => {
    writeFileSync(join(project.dir, 'broken.marker'), '');
    await lk.invokeAsync('fails-while-marked', { id: 'd1' });
    await lk.invokeAsync('fails-while-marked', { id: 'd2' });
    await lk.whenQueueIdle();
    const json = await runCli(['dlq', 'list', '--json'], { cwd: project.dir });
    expect(json.code).toBe(0);
    const letters = JSON.parse(json.stdout) as DeadLetter[];
    expect(letters.map((d) => (d.event as { id: string }).id).sort()).toEqual(['d1', 'd2']);
    expect(letters[0]).toMatchObject({ functionName: 'fails-while-marked', condition: 'RetriesExhausted', attempts: 3, error: { errorType: 'Error', errorMessage: 'still broken' } });

    const table = await runCli(['dlq', 'list', '--dir', project.dir], { cwd: '/' });
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^id +function +condition +attempts +failed at +error$/);
    expect(lines[1]).toMatch(/^[0-9a-f-]{36} {2}fails-while-marked {2}RetriesExhausted {2}3 +\S+Z {2}Error: still broken$/);
    expect(table.stdout).toContain('\n2 dead letters in .lambkin/dlq/; `lambkin dlq redrive [id]` sends them again\n');
  });

  it('redrives one dead letter through the running dev, which delivers it', async () => {
    rmSync(join(project.dir, 'broken.marker'));
    const letter = (await letterFor('d1'))!;
    const run = await runCli(['dlq', 'redrive', letter.id, '--aws-port', awsPort], { cwd: project.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`redrove 1 dead letter through the lambkin dev on 127.0.0.1:${awsPort}; it delivers them now\n`);
    await lk.whenQueueIdle();
    // Delivered with success: gone from the dead letters, and no new one for it.
    expect(await letterFor('d1')).toBeUndefined();
    expect(await letterFor('d2')).toBeDefined();
  });

  it('exits 2 for an unknown dead letter id', async () => {
    const run = await runCli(['dlq', 'redrive', 'no-such-id', '--aws-port', awsPort], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('lambkin: no dead letter with id no-such-id\n');
  });

  it('moves the files itself when the dev answering serves another project', async () => {
    const other = copyFixture('async');
    onTestFinished(() => other.remove());
    const otherLk = await startOn(other.dir);
    onTestFinished(() => otherLk.stop());
    const port = new URL(otherLk.awsUrl!).port;
    const { id } = (await letterFor('d2'))!;
    // Stop this project's dev first, so that nothing delivers the moved file before we look at it.
    await lk.stop();
    const run = await runCli(['dlq', 'redrive', '--dir', project.dir, '--aws-port', port], { cwd: other.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`the lambkin dev on 127.0.0.1:${port} serves ${other.dir}, not ${project.dir}: moved 1 dead letter to .lambkin/queue/; the next \`lambkin dev\` delivers them\n`);
    expect(files('dlq')).toEqual([]);
    const [queued] = files('queue');
    const event = JSON.parse(readFileSync(join(project.dir, '.lambkin', 'queue', queued!), 'utf8')) as Record<string, unknown>;
    expect(event).toMatchObject({ functionName: 'fails-while-marked', event: { id: 'd2' }, attempts: 0 });
    expect(event['id']).not.toBe(id);
  });

  it('leaves a moved dead letter for the next dev, which delivers it', async () => {
    lk = await startOn(project.dir);
    await lk.whenQueueIdle();
    expect(files('queue')).toEqual([]);
    expect(files('dlq')).toEqual([]);
  });

  it('moves dead letters to the queue when no dev answers, and says so', async () => {
    writeFileSync(join(project.dir, 'broken.marker'), '');
    await lk.invokeAsync('fails-while-marked', { id: 'd3' });
    await lk.whenQueueIdle();
    const port = new URL(lk.awsUrl!).port;
    await lk.stop();
    const run = await runCli(['dlq', 'redrive', '--aws-port', port], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`no lambkin dev answering on 127.0.0.1:${port}: moved 1 dead letter to .lambkin/queue/; the next \`lambkin dev\` delivers them\n`);
    expect(files('dlq')).toEqual([]);
    expect(files('queue')).toHaveLength(1);
  });

  it('exits 2 without a subcommand', async () => {
    const run = await runCli(['dlq'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name a subcommand: list or redrive');
  });
});

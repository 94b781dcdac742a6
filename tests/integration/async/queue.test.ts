import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';

let project: FixtureProject;
let lk: Lambkin;

function lines(file: string): string[] {
  const path = join(project.dir, file);
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean) : [];
}

beforeAll(async () => {
  project = copyFixture('async');
  lk = await createLambkin({
    dir: project.dir,
    logger: new MemoryLogger(),
    retry: { retryDelaysMs: [20, 40], throttleBackoffMs: { initial: 10, max: 50 } },
  });
  await lk.start();
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

describe('asynchronous invocations', () => {
  it('writes the event to .lambkin/queue before acknowledging it, then delivers it', async () => {
    const id = await lk.invokeAsync('records', { id: 'e1', ms: 200 });
    expect(readdirSync(join(project.dir, '.lambkin', 'queue'))).toContain(`${id}.json`);
    await lk.whenQueueIdle();
    expect(lines('delivered.log')).toContain('e1');
    expect(readdirSync(join(project.dir, '.lambkin', 'queue'))).toEqual([]);
  });

  it('retries a failing function twice, then writes a dead letter with its error and attempts', async () => {
    await lk.invokeAsync('always-fails', { id: 'f1' });
    await lk.whenQueueIdle();
    expect(lines('attempts.log').filter((l) => l === 'f1')).toHaveLength(3);
    const letter = (await lk.deadLetters()).find((d) => (d.event as { id: string }).id === 'f1');
    expect(letter).toMatchObject({
      functionName: 'always-fails',
      attempts: 3,
      condition: 'RetriesExhausted',
      error: { errorType: 'Error', errorMessage: 'cannot process f1' },
    });
    // One error: the final attempt's (the queued file's lastError does not follow it).
    expect(letter).not.toHaveProperty('lastError');
    expect(existsSync(join(project.dir, '.lambkin', 'dlq', `${letter!.id}.json`))).toBe(true);
  });

  it('makes one attempt when maximumRetryAttempts is 0', async () => {
    await lk.invokeAsync('fails-once', { id: 'once' });
    await lk.whenQueueIdle();
    expect(lines('attempts.log').filter((l) => l === 'once')).toHaveLength(1);
    expect((await lk.deadLetters()).find((d) => (d.event as { id: string }).id === 'once')).toMatchObject({ attempts: 1 });
  });

  it('dead-letters an event whose next retry would pass its maximum event age', async () => {
    // A second project copy: two lambkins on one queue folder would both deliver its events.
    const other = copyFixture('async');
    const old = await createLambkin({ dir: other.dir, logger: new MemoryLogger(), only: ['too-old'], retry: { retryDelaysMs: [120_000], throttleBackoffMs: { initial: 10, max: 10 } } });
    await old.start();
    try {
      await old.invokeAsync('too-old', { id: 'aged' });
      await old.whenQueueIdle();
      expect((await old.deadLetters()).find((d) => (d.event as { id: string }).id === 'aged')).toMatchObject({ condition: 'EventAgeExceeded', attempts: 1 });
    } finally {
      await old.stop();
      other.remove();
    }
  });

  it('holds throttled events and delivers every one, none dropped', async () => {
    const ids = ['t1', 't2', 't3', 't4'];
    for (const id of ids) await lk.invokeAsync('one-at-a-time', { id, ms: 50 });
    await lk.whenQueueIdle();
    expect(lines('delivered.log').filter((l) => l.startsWith('t')).sort()).toEqual(ids);
  });

  it('sends events for a function with reserved concurrency 0 straight to the dead letters', async () => {
    await lk.invokeAsync('disabled', { id: 'zero' });
    await lk.whenQueueIdle();
    expect((await lk.deadLetters()).find((d) => (d.event as { id: string }).id === 'zero')).toMatchObject({ condition: 'ZeroReservedConcurrency' });
  });

  it('redrives a dead letter once the function is fixed', async () => {
    writeFileSync(join(project.dir, 'broken.marker'), '');
    await lk.invokeAsync('fails-while-marked', { id: 'fixed-later' });
    await lk.whenQueueIdle();
    const letter = (await lk.deadLetters()).find((d) => (d.event as { id: string }).id === 'fixed-later');
    expect(letter).toBeDefined();
    rmSync(join(project.dir, 'broken.marker'));
    expect(await lk.redrive(letter!.id)).toBe(1);
    await lk.whenQueueIdle();
    expect((await lk.deadLetters()).find((d) => d.id === letter!.id)).toBeUndefined();
  });

  it('refuses an event for a function that does not exist', async () => {
    await expect(lk.invokeAsync('nope', {})).rejects.toThrow('Function not found: nope');
  });
});

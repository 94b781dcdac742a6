import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, waitFor, type FixtureProject } from '../../support/fixture.js';

const LIFETIME_MS = 1000;
let project: FixtureProject;
let lk: Lambkin;
const logger = new MemoryLogger();

beforeAll(async () => {
  project = copyFixture('runtime');
  lk = await createLambkin({ dir: project.dir, logger, idleLifetimeMs: LIFETIME_MS, only: ['slow', 'counter'] });
  await lk.start();
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

const pool = (name: string) => lk.registry.get(name)!.pool;

describe('spare workers', () => {
  it('boot only for the memory sizes of the functions deployed (slow and counter: 128 MB; the project also has 256 and 1536)', () => {
    expect(lk.liveWorkers()).toBe(1);
  });
});

describe('idle environments', () => {
  it('are shut down once idle for their lifetime, with a log line, and the next call is a cold start', async () => {
    const burst = await Promise.all([lk.invoke('slow', { ms: 200 }), lk.invoke('slow', { ms: 200 })]);
    expect(burst.map((r) => r.record.coldStart)).toEqual([true, true]);
    expect(pool('slow').size).toBe(2);
    await waitFor(() => (pool('slow').size === 0 ? true : undefined), 'both idle environments to be shut down');
    // Usually one line for both; two if their cold starts ended far apart on a loaded machine.
    const shutDown = logger.lines
      .map((l) => /^info: slow: (an idle environment|(\d+) idle environments) shut down after 1 s without a call, as Lambda does; a call that finds none warm is a cold start$/.exec(l))
      .filter((m) => m !== null)
      .reduce((sum, m) => sum + (m[2] === undefined ? 1 : Number(m[2])), 0);
    expect(shutDown).toBe(2);
    const next = await lk.invoke('slow', { ms: 1 });
    expect(next.record.coldStart).toBe(true);
  });

  it('keeps an environment that is called more often than its lifetime', async () => {
    const first = await lk.invoke('counter', {});
    const started = performance.now();
    let calls = 1;
    while (performance.now() - started < LIFETIME_MS * 1.5) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const result = await lk.invoke('counter', {});
      calls++;
      expect(result.record.coldStart).toBe(false);
      expect(result.ok && result.payload).toMatchObject({ count: calls, loadedAt: first.ok && (first.payload as { loadedAt: number }).loadedAt });
    }
    expect(pool('counter').size).toBe(1);
  });
});

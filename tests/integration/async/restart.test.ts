import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createLambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import { copyFixture, waitFor } from '../../support/fixture.js';

const CHILD = new URL('./restart-child.mjs', import.meta.url);
const COUNT = 6;
const HANDLER_MS = 400;

describe('the async queue across a kill', () => {
  it('delivers every accepted event after a SIGKILL; only those in flight at the kill come twice', async () => {
    const project = copyFixture('async');
    onTestFinished(() => project.remove());
    const delivered = () => {
      const file = join(project.dir, 'delivered.log');
      return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    };
    const queueDir = join(project.dir, '.lambkin', 'queue');
    const queuedIds = () =>
      readdirSync(queueDir)
        .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
        .map((name) => (JSON.parse(readFileSync(join(queueDir, name), 'utf8')) as { event: { id: string } }).event.id);

    const child = spawn(process.execPath, [CHILD.pathname, project.dir, String(COUNT), String(HANDLER_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => {
      child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => (output.includes('queued') ? true : undefined), () => `the child to queue its events (output: ${output})`, 15_000);
    // One at a time, each lingering 400 ms: when the second has started, the rest are still queued.
    await waitFor(() => (delivered().length >= 2 ? true : undefined), 'two deliveries to start', 15_000);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const startedBeforeKill = new Set(delivered());
    const queuedAtKill = new Set(queuedIds());
    expect(queuedAtKill.size).toBeGreaterThan(0);
    const inFlightAtKill = [...startedBeforeKill].filter((id) => queuedAtKill.has(id));

    const lk = await createLambkin({
      dir: project.dir,
      logger: new MemoryLogger(),
      only: ['one-at-a-time'],
      retry: { retryDelaysMs: [20, 40], throttleBackoffMs: { initial: 10, max: 50 } },
    });
    onTestFinished(() => lk.stop());
    await lk.start();
    await lk.whenQueueIdle();

    const counts = new Map<string, number>();
    for (const id of delivered()) counts.set(id, (counts.get(id) ?? 0) + 1);
    const ids = Array.from({ length: COUNT }, (_, i) => `r${i}`);
    expect([...counts.keys()].sort()).toEqual(ids);
    const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice.every((id) => inFlightAtKill.includes(id))).toBe(true);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect(queuedIds()).toEqual([]);
  });
});

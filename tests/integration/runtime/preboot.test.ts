// The worker the bin boots while the CLI bundle loads (src/runtime/preboot.ts): taken by the
// first launcher that asks for its memory size, ended when none does, and never what keeps a
// process alive.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { discardPrebooted, preboot, PREBOOT_MEMORY_MB } from '../../../src/runtime/preboot.js';
import { spawnWorker, WorkerLauncher, type BootedWorker } from '../../../src/runtime/worker-launcher.js';

let launcher: WorkerLauncher | undefined;
afterEach(async () => {
  discardPrebooted();
  await launcher?.stop();
  launcher = undefined;
});

/** Preboots through the real spawn and returns the worker it made. */
function prebootWorker(): Promise<BootedWorker> {
  let booted!: Promise<BootedWorker>;
  preboot((memorySizeMb, onExit) => (booted = spawnWorker(memorySizeMb, onExit)));
  return booted;
}

const exited = (worker: Worker) => new Promise<number>((r) => worker.once('exit', r));

describe('prebooted worker', () => {
  it('is the worker a launcher gets for the default memory size', async () => {
    const prebooted = await prebootWorker();
    launcher = new WorkerLauncher();
    const taken = await launcher.take(PREBOOT_MEMORY_MB);
    expect(taken.worker.threadId).toBe(prebooted.worker.threadId);
    expect(launcher.liveWorkers).toBe(1);
    // Another request for the size gets a new worker: the prebooted one is taken only once.
    const next = await launcher.take(PREBOOT_MEMORY_MB);
    expect(next.worker.threadId).not.toBe(prebooted.worker.threadId);
    await Promise.all([taken.worker.terminate(), next.worker.terminate()]);
  });

  it('is left for another memory size and ended when no launcher takes it', async () => {
    const prebooted = await prebootWorker();
    launcher = new WorkerLauncher();
    const other = await launcher.take(512);
    expect(other.worker.threadId).not.toBe(prebooted.worker.threadId);
    const gone = exited(prebooted.worker);
    launcher.dropUnusedPreboot();
    expect(typeof (await gone)).toBe('number');
    await other.worker.terminate();
  });

  it('that failed to boot leaves the slot, and the launcher boots its own', async () => {
    preboot(() => Promise.reject(new Error('no worker today')));
    await new Promise((r) => setImmediate(r));
    launcher = new WorkerLauncher();
    const taken = await launcher.take(PREBOOT_MEMORY_MB);
    expect(taken.worker.threadId).toBeGreaterThan(0);
    await taken.worker.terminate();
  });

  it('does not keep a process alive that never uses it', async () => {
    // dist/preboot.js is what the bin loads; a process that loads it and does nothing else ends.
    const script = `await import(${JSON.stringify(resolve(import.meta.dirname, '../../../dist/preboot.js'))});`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    clearTimeout(timer);
    expect(code).toBe(0);
  });
});

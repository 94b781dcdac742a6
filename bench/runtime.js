// Runtime benchmark: cold start of hello, warm invoke() overhead against a direct call of the
// same handler in this process (measured in the same run), and idle memory per warm environment.
import { mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLambkin, silentLogger } from '../dist/index.js';
import { median } from './stats.js';

const fixture = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambkin-bench-'));
  cpSync(new URL('./fixtures/trivial', import.meta.url), dir, { recursive: true });
  // The cold start is measured on the repository's own example, as a user would run it.
  cpSync(new URL('../functions/hello.ts', import.meta.url), join(dir, 'functions', 'hello.ts'));
  return dir;
};
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

async function coldStart(trials) {
  const times = [];
  const inits = [];
  for (let i = 0; i < trials; i++) {
    const dir = fixture();
    const lk = await startLambkin({ dir, logger: silentLogger });
    const t0 = performance.now();
    const result = await lk.invoke('hello', { name: 'bench' });
    times.push(performance.now() - t0);
    inits.push(result.record.initDurationMs);
    await lk.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { median: median(times), initMedian: median(inits) };
}

async function warmOverhead(n) {
  const dir = fixture();
  const lk = await startLambkin({ dir, logger: silentLogger });
  const mod = await import(pathToFileURL(lk.registry.get('trivial').pool.build.outFile).href);
  const context = { awsRequestId: 'x', getRemainingTimeInMillis: () => 3000 };
  for (let i = 0; i < 2000; i++) await lk.invoke('trivial', {});
  const batches = { lambkin: [], direct: [] };
  for (let b = 0; b < 10; b++) {
    let t0 = performance.now();
    for (let i = 0; i < n / 10; i++) await mod.handler({}, context);
    batches.direct.push(((performance.now() - t0) * 1000) / (n / 10));
    t0 = performance.now();
    for (let i = 0; i < n / 10; i++) await lk.invoke('trivial', {});
    batches.lambkin.push(((performance.now() - t0) * 1000) / (n / 10));
  }
  await lk.stop();
  rmSync(dir, { recursive: true, force: true });
  return { lambkinUs: median(batches.lambkin), directUs: median(batches.direct) };
}

async function idleMemory(count) {
  const dir = fixture();
  const lk = await startLambkin({ dir, logger: silentLogger });
  await lk.invoke('idle', { ms: 0 });
  global.gc?.();
  const before = rssMb();
  await Promise.all(Array.from({ length: count }, () => lk.invoke('idle', { ms: 200 })));
  const environments = lk.registry.get('idle').pool.size;
  await new Promise((r) => setTimeout(r, 500));
  global.gc?.();
  const after = rssMb();
  await lk.stop();
  rmSync(dir, { recursive: true, force: true });
  return { perEnvironmentMb: (after - before) / (environments - 1), environments, before, after };
}

export async function runRuntimeBench() {
  const cold = await coldStart(20);
  console.log(`cold start of hello (invoke() to result, spare worker ready), median of 20: ${cold.median.toFixed(2)} ms (Init Duration median ${cold.initMedian.toFixed(2)} ms; goal < 40 ms; serverless-offline ~65 ms)`);
  const warm = await warmOverhead(20_000);
  const overheadUs = warm.lambkinUs - warm.directUs;
  console.log(`warm invoke() of a trivial handler: ${warm.lambkinUs.toFixed(1)} us per call; direct in-process call: ${warm.directUs.toFixed(2)} us`);
  console.log(`  warm overhead: ${(overheadUs / 1000).toFixed(3)} ms per invocation (goal < 0.15 ms; lambda-local execute() 0.137-0.285 ms), ratio to direct call ${(warm.lambkinUs / warm.directUs).toFixed(0)}x`);
  const mem = await idleMemory(20);
  console.log(`idle memory per warm environment: ${mem.perEnvironmentMb.toFixed(1)} MB (${mem.environments} environments; RSS ${mem.before.toFixed(0)} -> ${mem.after.toFixed(0)} MB; goal < 15 MB)`);
}

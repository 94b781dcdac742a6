// Hot reload benchmark: time from saving a handler to the first response with the new body
// (50 edits: p50, p95), RSS before and after 500 reloads (BENCH_RELOADS), and warm throughput
// with the watcher on and off (reload must not cost anything while nothing changes).
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, load, rssMbOfTree, startServer, stopServer } from './process.js';
import { median, percentile } from './stats.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', 'bin', 'lambkin.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RELOADS = Number(process.env.BENCH_RELOADS ?? 500);

function save(file, text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

const handlerText = (n) => `export const handler = async () => ({ statusCode: 200, body: '{"version":${n}}' });\n`;

async function untilBody(url, expected, deadlineMs = 10_000) {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    const text = await fetch(url).then((r) => r.text(), () => '');
    if (text === expected) return;
    if (performance.now() > deadline) throw new Error(`no ${expected} from ${url} within ${deadlineMs} ms`);
  }
}

/**
 * Warm throughput of a watching server against a --no-watch one. The machine's speed drifts
 * within minutes, so they take turns (ROUNDS x 4 s) and the ratio is the median of per-round ratios.
 */
async function watcherCost(watchingUrl, plainUrl) {
  // The quiet phase: the last reload's rechecks are over and the environments are warm.
  await new Promise((r) => setTimeout(r, 3000));
  for (const url of [watchingUrl, plainUrl]) await load(url, 2);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push({ watching: (await load(watchingUrl, 4)).rps, plain: (await load(plainUrl, 4)).rps });
  return { rounds, ratio: median(rounds.map((r) => r.watching / r.plain)) };
}

async function withServer(dir, watch, work) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/hello`;
  const args = [BIN, 'dev', '--dir', dir, '--port', String(port), '--aws-port', '0', ...(watch ? [] : ['--no-watch'])];
  const { child } = await startServer(`reload-${watch}`, process.execPath, args, { cwd: dir, url });
  try {
    return await work(url, child);
  } finally {
    await stopServer(child);
  }
}

export async function runReloadBench() {
  const dir = mkdtempSync(join(tmpdir(), 'lambkin-reload-bench-'));
  cpSync(join(HERE, 'fixtures/http-project'), dir, { recursive: true, filter: (p) => !p.includes('.lambkin') });
  const file = join(dir, 'functions', 'hello.js');
  save(file, handlerText(0));
  try {
    const { latencies, rssBefore, rssSteps, cost } = await withServer(dir, true, async (url, child) => {
      await untilBody(url, '{"version":0}');
      const latencies = [];
      for (let i = 1; i <= 50; i++) {
        const t0 = performance.now();
        save(file, handlerText(i));
        await untilBody(url, `{"version":${i}}`);
        latencies.push(performance.now() - t0);
      }
      global.gc?.();
      const rssBefore = rssMbOfTree(child.pid);
      // Sampled every 100 reloads: a leak climbs at every step, a warming heap levels off.
      const rssSteps = [];
      for (let i = 51; i <= 50 + RELOADS; i++) {
        save(file, handlerText(i));
        await untilBody(url, `{"version":${i}}`);
        if ((i - 50) % 100 === 0) rssSteps.push(rssMbOfTree(child.pid));
      }
      // A --no-watch lambkin on the same project (builds are per process) serves the same code.
      const cost = await withServer(dir, false, (plainUrl) => watcherCost(url, plainUrl));
      return { latencies, rssBefore, rssSteps, cost };
    });
    console.log(`save -> first response with the new body, 50 edits: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (goal p50 < 100 ms, p95 < 200 ms; serverless-offline --reloadHandler ~46 ms but 21 req/s)`);
    // The first 100 reloads warm the heap and JIT up to a steady size; growth after that is a leak.
    const warm = rssSteps[0];
    const last = rssSteps[rssSteps.length - 1];
    console.log(`RSS over ${RELOADS} reloads: ${rssBefore.toFixed(0)} MiB before, ${warm.toFixed(0)} after the first 100 (warm-up), ${last.toFixed(0)} after ${RELOADS}: growth ${(last - warm).toFixed(1)} MiB after warm-up (goal < 20 MB); every 100: ${rssSteps.map((m) => m.toFixed(0)).join(' ')} MiB`);
    const rounds = cost.rounds.map((r) => `${r.watching.toFixed(0)}/${r.plain.toFixed(0)}`).join(' ');
    console.log(`warm throughput, watcher on / --no-watch, ${ROUNDS} rounds in turn: median ratio ${cost.ratio.toFixed(2)} (req/s per round: ${rounds}; goal: no drop)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

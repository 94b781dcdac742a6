// Hot reload benchmark: time from saving a handler to the first response with the new body
// (50 edits: p50, p95), RSS before and after 500 reloads, and warm throughput with the watcher
// on and off (reload must not cost anything while nothing changes).
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { freePort, rssMbOfTree, startServer, stopServer } from './process.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', 'bin', 'lambkin.js');
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

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

async function throughput(url, seconds) {
  // The quiet phase: the last reload's rechecks are over and the environments are warm.
  await new Promise((r) => setTimeout(r, 3000));
  await promisify(execFile)(process.execPath, [AUTOCANNON, '-c', '10', '-d', '2', url]);
  const { stdout } = await promisify(execFile)(process.execPath, [AUTOCANNON, '-c', '10', '-d', String(seconds), '-j', url], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout).requests.average;
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
    const { latencies, rssBefore, rssAfter, rpsWatching } = await withServer(dir, true, async (url, child) => {
      await untilBody(url, '{"version":0}');
      const latencies = [];
      for (let i = 1; i <= 50; i++) {
        const t0 = performance.now();
        save(file, handlerText(i));
        await untilBody(url, `{"version":${i}}`);
        latencies.push(performance.now() - t0);
      }
      const rpsWatching = await throughput(url, 5);
      global.gc?.();
      const rssBefore = rssMbOfTree(child.pid);
      for (let i = 51; i <= 550; i++) {
        save(file, handlerText(i));
        await untilBody(url, `{"version":${i}}`);
      }
      await new Promise((r) => setTimeout(r, 1000));
      return { latencies, rssBefore, rssAfter: rssMbOfTree(child.pid), rpsWatching };
    });
    const rpsNoWatch = await withServer(dir, false, (url) => throughput(url, 5));
    console.log(`save -> first response with the new body, 50 edits: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (goal p50 < 100 ms, p95 < 200 ms; serverless-offline --reloadHandler ~46 ms but 21 req/s)`);
    console.log(`RSS over 500 reloads: ${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MiB (growth ${(rssAfter - rssBefore).toFixed(1)} MiB; goal < 20 MB)`);
    console.log(`warm throughput, watcher on: ${rpsWatching.toFixed(0)} req/s; --no-watch: ${rpsNoWatch.toFixed(0)} req/s (ratio ${(rpsWatching / rpsNoWatch).toFixed(2)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

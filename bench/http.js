// HTTP benchmark: autocannon (bounded, loopback) against GET /hello through lambkin and, in the
// same run, baselines calling the same handler: bare express and plain node:http in-process, and
// express handing each request to a worker thread (the floor of worker-thread isolation), plus
// serverless-offline when ../shared/peers has been installed (/tmp/peerbench).
//
// This machine's speed drifts by 15-40% over minutes, so the targets take turns: ROUNDS rounds,
// each target DURATION seconds per round, and every ratio is the median of the ratios measured
// within one round (same minute, same machine state).
import { existsSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { freePort, load, rssMbOfTree, startServer, stopServer } from './process.js';
import { median } from './stats.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const PEERS = process.env.PEERBENCH_DIR ?? '/tmp/peerbench';
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
// Five: serverless-offline's per-round ratio swings 2-7x here, and three rounds left its median to chance.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const CONNECTIONS = 10;

const LAMBKIN = 'lambkin dev';
const EXPRESS = 'express (in-process handler)';
const NODE_HTTP = 'node:http (in-process handler)';
const FLOOR = 'express + worker thread (isolation floor)';
const SLS = 'serverless-offline (worker threads)';

function targets(ports) {
  const node = (name, script, port) => ({ name, cmd: process.execPath, args: [join(HERE, script)], env: { PORT: String(port) }, url: `http://127.0.0.1:${port}/hello` });
  const list = [
    node(NODE_HTTP, 'servers/node-http.js', ports.nodeHttp),
    node(EXPRESS, 'servers/express.js', ports.express),
    node(FLOOR, 'servers/express-worker.js', ports.floor),
    // As a user runs it: the package's bin.
    { name: LAMBKIN, cmd: process.execPath, args: [join(ROOT, 'bin/lambkin.js'), 'dev', '--dir', join(HERE, 'fixtures/http-project'), '--port', String(ports.lambkin), '--aws-port', '0', '--no-watch'], env: {}, url: `http://127.0.0.1:${ports.lambkin}/hello` },
  ];
  const sls = join(PEERS, 'sls/node_modules/serverless/bin/serverless.js');
  if (existsSync(sls)) {
    const dir = join(PEERS, 'sls');
    for (const f of ['handler.js', 'serverless.yml']) copyFileSync(join(ROOT, '../shared/peers/fixtures', f), join(dir, f));
    list.push({ name: SLS, cmd: process.execPath, args: [sls, 'offline', '--host', '127.0.0.1', '--httpPort', String(ports.sls), '--lambdaPort', String(ports.sls + 2)], env: { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' }, cwd: dir, url: `http://127.0.0.1:${ports.sls}/hello` });
  }
  return list;
}

/** Spawn to first 200 of `lambkin dev`, median of STARTS starts, with or without its build cache. */
async function lambkinStartMs(target, { withCache }) {
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    if (!withCache) rmSync(join(HERE, 'fixtures/http-project/.lambkin/cache'), { recursive: true, force: true });
    const { child, startMs } = await startServer('lambkin-start', target.cmd, target.args, { cwd: ROOT, env: target.env, url: target.url });
    await stopServer(child);
    times.push(startMs);
  }
  return median(times);
}

export async function runHttpBench() {
  mkdirSync(join(HERE, 'fixtures/http-project/.lambkin'), { recursive: true });
  const ports = { nodeHttp: await freePort(), express: await freePort(), floor: await freePort(), lambkin: await freePort(), sls: await freePort() };
  const list = targets(ports);
  const lambkin = list.find((t) => t.name === LAMBKIN);
  const firstRunStartMs = await lambkinStartMs(lambkin, { withCache: false });
  const cachedStartMs = await lambkinStartMs(lambkin, { withCache: true });

  // Every target up at once (one at a time, so each start is timed alone); idle ones cost nothing.
  const running = [];
  try {
    for (const t of list) running.push({ ...t, ...(await startServer(t.name, t.cmd, t.args, { cwd: t.cwd ?? ROOT, env: t.env, url: t.url })) });
    for (const t of running) await load(t.url, 3, CONNECTIONS); // warm-up: JIT, and lambkin's environments
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results = {};
      for (const t of running) results[t.name] = await load(t.url, DURATION, CONNECTIONS);
      results[LAMBKIN].rssMb = rssMbOfTree(running.find((t) => t.name === LAMBKIN).child.pid);
      rounds.push(results);
    }
    report(running, rounds, { firstRunStartMs, cachedStartMs });
  } finally {
    for (const t of running) await stopServer(t.child);
  }
}

function report(running, rounds, { firstRunStartMs, cachedStartMs }) {
  console.log(`GET /hello, autocannon -c ${CONNECTIONS}, loopback; ${ROUNDS} rounds, each target ${DURATION} s per round in turn (after a 3 s warm-up); medians`);
  for (const t of running) {
    const rps = median(rounds.map((r) => r[t.name].rps));
    const p50 = median(rounds.map((r) => r[t.name].p50));
    const p99 = median(rounds.map((r) => r[t.name].p99));
    const failed = rounds.reduce((n, r) => n + r[t.name].non2xx + r[t.name].errors, 0);
    const rss = rssMbOfTree(t.child.pid);
    console.log(`  ${t.name.padEnd(42)} ${rps.toFixed(0).padStart(7)} req/s  p50 ${p50} ms  p99 ${p99} ms  start ${t.startMs.toFixed(0)} ms  RSS after load ${rss.toFixed(0)} MiB${failed ? `  (non-2xx or errors: ${failed})` : ''}`);
  }
  const ratio = (name) => median(rounds.map((r) => r[LAMBKIN].rps / r[name].rps));
  const perRound = (name) => rounds.map((r) => `${((r[LAMBKIN].rps / r[name].rps) * 100).toFixed(0)}%`).join(' ');
  console.log(`lambkin: ${(ratio(EXPRESS) * 100).toFixed(0)}% of express (rounds: ${perRound(EXPRESS)}; goal >= 75%), ${(ratio(NODE_HTTP) * 100).toFixed(0)}% of node:http, ${(ratio(FLOOR) * 100).toFixed(0)}% of the isolation floor (rounds: ${perRound(FLOOR)})`);
  console.log(`isolation floor: ${((median(rounds.map((r) => r[FLOOR].rps / r[EXPRESS].rps))) * 100).toFixed(0)}% of express (what a worker-thread hop alone leaves)`);
  if (rounds[0][SLS]) console.log(`lambkin vs serverless-offline: ${ratio(SLS).toFixed(1)}x throughput (rounds: ${rounds.map((r) => (r[LAMBKIN].rps / r[SLS].rps).toFixed(1)).join(' ')}; goal >= 3x)`);
  else console.log('serverless-offline not installed (bash ../shared/peers/install.sh) - peer ratio skipped');
  const lkRss = median(rounds.map((r) => r[LAMBKIN].rssMb));
  console.log(`lambkin start (spawn to first 200, median of ${STARTS}): ${cachedStartMs.toFixed(0)} ms with its build cache, ${firstRunStartMs.toFixed(0)} ms on a first run (goal < 300 ms); RSS after load ${lkRss.toFixed(0)} MiB (goal < 150 MiB)`);
}

// HTTP benchmark: autocannon (bounded, loopback) against GET /hello through lambkin and, in the
// same run, two baselines calling the same handler in-process (bare express, plain node:http),
// plus serverless-offline when ../shared/peers has been installed (/tmp/peerbench).
import { execFile } from 'node:child_process';
import { existsSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, rssMbOfTree, startServer, stopServer } from './process.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');
const PEERS = process.env.PEERBENCH_DIR ?? '/tmp/peerbench';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;

async function load(url, seconds) {
  const { stdout } = await promisify(execFile)(process.execPath, [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(seconds), '-j', url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

function targets(ports) {
  const list = [
    { name: 'node:http (in-process handler)', cmd: process.execPath, args: [join(HERE, 'servers/node-http.js')], env: { PORT: String(ports.nodeHttp) }, url: `http://127.0.0.1:${ports.nodeHttp}/hello` },
    { name: 'express (in-process handler)', cmd: process.execPath, args: [join(HERE, 'servers/express.js')], env: { PORT: String(ports.express) }, url: `http://127.0.0.1:${ports.express}/hello` },
    { name: 'lambkin dev', cmd: process.execPath, args: [join(ROOT, 'bin/lambkin.js'), 'dev', '--dir', join(HERE, 'fixtures/http-project'), '--port', String(ports.lambkin), '--aws-port', '0', '--no-watch'], env: {}, url: `http://127.0.0.1:${ports.lambkin}/hello` },
  ];
  const sls = join(PEERS, 'sls/node_modules/serverless/bin/serverless.js');
  if (existsSync(sls)) {
    const dir = join(PEERS, 'sls');
    for (const f of ['handler.js', 'serverless.yml']) copyFileSync(join(ROOT, '../shared/peers/fixtures', f), join(dir, f));
    list.push({ name: 'serverless-offline (worker threads)', cmd: process.execPath, args: [sls, 'offline', '--host', '127.0.0.1', '--httpPort', String(ports.sls), '--lambdaPort', String(ports.sls + 2)], env: { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' }, cwd: dir, url: `http://127.0.0.1:${ports.sls}/hello` });
  }
  return list;
}

/** Spawn to first 200 of `lambkin dev` with no build cache (a first run), then stop. */
async function firstStartMs(port) {
  rmSync(join(HERE, 'fixtures/http-project/.lambkin/cache'), { recursive: true, force: true });
  const t = targets({ nodeHttp: 0, express: 0, lambkin: port, sls: 0 }).find((x) => x.name === 'lambkin dev');
  const { child, startMs } = await startServer('lambkin-first', t.cmd, t.args, { cwd: ROOT, env: t.env, url: t.url });
  await stopServer(child);
  return startMs;
}

export async function runHttpBench() {
  mkdirSync(join(HERE, 'fixtures/http-project/.lambkin'), { recursive: true });
  const ports = { nodeHttp: await freePort(), express: await freePort(), lambkin: await freePort(), sls: await freePort() };
  const coldCacheStartMs = await firstStartMs(await freePort());
  const results = {};
  for (const t of targets(ports)) {
    const { child, startMs } = await startServer(t.name, t.cmd, t.args, { cwd: t.cwd ?? ROOT, env: t.env, url: t.url });
    try {
      await load(t.url, 3); // warm-up
      const r = await load(t.url, DURATION);
      results[t.name] = { ...r, startMs, rssMb: rssMbOfTree(child.pid) };
    } finally {
      await stopServer(child);
    }
  }
  console.log(`GET /hello, autocannon -c ${CONNECTIONS} -d ${DURATION}, loopback, ${DURATION} s each after a 3 s warm-up`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(38)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  start ${r.startMs.toFixed(0)} ms  RSS after load ${r.rssMb.toFixed(0)} MiB${r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : ''}`);
  }
  const lk = results['lambkin dev'];
  const ratio = (name) => (results[name] ? `${((lk.rps / results[name].rps) * 100).toFixed(0)}% of ${name}` : undefined);
  console.log(`lambkin: ${[ratio('express (in-process handler)'), ratio('node:http (in-process handler)')].join(', ')} (goal >= 75% of express)`);
  const sls = results['serverless-offline (worker threads)'];
  console.log(sls ? `lambkin vs serverless-offline: ${(lk.rps / sls.rps).toFixed(1)}x throughput (goal >= 3x), start ${lk.startMs.toFixed(0)} vs ${sls.startMs.toFixed(0)} ms` : 'serverless-offline not installed (bash ../shared/peers/install.sh) - peer ratio skipped');
  console.log(`lambkin start (spawn to first 200): ${lk.startMs.toFixed(0)} ms with its build cache, ${coldCacheStartMs.toFixed(0)} ms on a first run (goal < 300 ms); RSS after load ${lk.rssMb.toFixed(0)} MiB (goal < 150 MiB)`);
}

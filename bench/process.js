// Spawning servers for benchmarks: free ports, time to first 200, RSS of a process tree, clean
// stop, and HTTP load (autocannon) against one.
import { execFile, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts a server process, its output to a log file, and waits for the first 200 on url. */
export async function startServer(name, cmd, args, { cwd, env = {}, url, timeoutMs = 30_000 }) {
  const logFile = join(tmpdir(), `lambkin-bench-${name.replace(/\W+/g, '-')}.log`);
  const out = openSync(logFile, 'w');
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  closeSync(out);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    const ok = await statusIs200(url);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${name} did not answer 200 within ${timeoutMs} ms; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child, startMs: performance.now() - t0, logFile };
}

// node:http rather than fetch: loading fetch's client costs ~40 ms of CPU, which the first timed
// start would share two cores with.
function statusIs200(url) {
  return new Promise((resolve) => {
    get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    }).on('error', () => resolve(false));
  });
}

export function rssMbOfTree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      // gone
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total / 1024;
}

export async function stopServer(child) {
  // Killed by a signal, a process has exitCode null and signalCode set; either way it has ended.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** autocannon (in a process of its own, JSON out) against url for `seconds`: req/s, latency, failures. */
export async function load(url, seconds, connections = 10) {
  const autocannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const { stdout } = await promisify(execFile)(process.execPath, [autocannon, '-c', String(connections), '-d', String(seconds), '-j', url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

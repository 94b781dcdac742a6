import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/billing/ledger.js';
import type { InvocationRecord } from '../../../src/runtime/types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lambkin-ledger-'));
  dirs.push(dir);
  return join(dir, '.lambkin', 'invocations.jsonl');
}

function record(n: number): InvocationRecord {
  return {
    requestId: `req-${n}`, functionName: 'hello', generation: 1, source: 'http', startedAt: '2026-11-27T00:00:00.000Z',
    coldStart: false, durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 10, architecture: 'x86_64',
    gbSeconds: 0.000125, costUsd: 0.0000002, outcome: 'success',
  };
}

const idsIn = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as InvocationRecord).requestId);

describe('Ledger', () => {
  it('writes every appended record, in order, by flush', async () => {
    const file = tempFile();
    const errors: unknown[] = [];
    const ledger = new Ledger(file, (err) => errors.push(err));
    for (let i = 0; i < 500; i++) ledger.append(record(i));
    await ledger.flush();
    expect(idsIn(file)).toEqual(Array.from({ length: 500 }, (_, i) => `req-${i}`));
    // Records appended while a write is in flight go out in a later one, still in order.
    ledger.append(record(500));
    const first = ledger.flush();
    ledger.append(record(501));
    await first;
    await ledger.flush();
    expect(idsIn(file).slice(-2)).toEqual(['req-500', 'req-501']);
    await ledger.close();
    expect(errors).toEqual([]);
  });

  it('writes on its own after a short delay, without flush', async () => {
    const file = tempFile();
    const ledger = new Ledger(file, () => {});
    ledger.append(record(1));
    const deadline = Date.now() + 5000;
    let ids: string[] = [];
    while (Date.now() < deadline) {
      try {
        ids = idsIn(file);
        if (ids.length === 1) break;
      } catch {
        // Not written yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(ids).toEqual(['req-1']);
    await ledger.close();
  });

  it('reopens the file after close', async () => {
    const file = tempFile();
    const ledger = new Ledger(file, () => {});
    ledger.append(record(1));
    await ledger.close();
    ledger.append(record(2));
    await ledger.close();
    expect(idsIn(file)).toEqual(['req-1', 'req-2']);
  });

  it('reports a write that fails and keeps going', async () => {
    const file = tempFile();
    // A file where the .lambkin folder should be: the ledger cannot create its file.
    writeFileSync(join(file, '..', '..', '.lambkin'), 'not a folder');
    const errors: unknown[] = [];
    const ledger = new Ledger(file, (err) => errors.push(err));
    ledger.append(record(1));
    await ledger.flush();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/EEXIST|ENOTDIR/);
  });
});

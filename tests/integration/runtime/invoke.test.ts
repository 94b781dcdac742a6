import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambkin, type Lambkin } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import type { InvocationResult } from '../../../src/runtime/types.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';

// Written from reference/LAMBDA.md §5.2: AWS's fields, tab-separated, in AWS's order,
// then lambkin's own figures.
const REPORT_LINE =
  /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: \d+ MB\tMax Memory Used: \d+ MB(\tInit Duration: \d+\.\d{2} ms)?(\tStatus: (timeout|error)(\tError Type: [\w.]+)?)?\tBilled GB-seconds: [\d.]+\tCost: \$\d+\.\d{10}$/;

let project: FixtureProject;
let lk: Lambkin;
const logger = new MemoryLogger();

beforeAll(async () => {
  project = copyFixture('runtime');
  lk = await createLambkin({ dir: project.dir, logger, initLimitMs: 5000 });
  await lk.start();
});
afterAll(async () => {
  await lk?.stop();
  project?.remove();
});

function failed(result: InvocationResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.payload)}`);
  return result;
}

function reportOf(result: InvocationResult): string {
  const line = result.logs.split('\n').find((l) => l.startsWith('REPORT '));
  expect(line).toMatch(REPORT_LINE);
  return line!;
}

describe('handler contract', () => {
  it('gives an async handler the event and the full context', async () => {
    const result = await lk.invoke('echo', { hello: 'world', when: new Date(0) });
    expect(result.ok).toBe(true);
    const payload = (result as { payload: { event: unknown; context: Record<string, unknown> } }).payload;
    // The event crosses as JSON, as through Lambda's API: the Date arrives as a string.
    expect(payload.event).toEqual({ hello: 'world', when: '1970-01-01T00:00:00.000Z' });
    expect(payload.context).toMatchObject({
      awsRequestId: result.record.requestId,
      functionName: 'echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/echo',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(payload.context['logStreamName']).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const remaining = payload.context['remaining'] as number;
    expect(remaining).toBeGreaterThan(4000);
    expect(remaining).toBeLessThanOrEqual(5000);
  });

  it('sets the reserved variables and keeps each function\'s environment its own', async () => {
    const a = await lk.invoke('echo', {});
    const b = await lk.invoke('other-env', {});
    const envA = (a as { payload: { env: Record<string, string> } }).payload.env;
    const envB = (b as { payload: { env: Record<string, string> } }).payload.env;
    expect(envA).toEqual({
      GREETING: 'hello from echo',
      AWS_LAMBDA_FUNCTION_NAME: 'echo',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_REGION: 'us-east-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      _HANDLER: 'functions/echo.handler',
      LAMBDA_TASK_ROOT: project.dir,
    });
    expect(envB).toMatchObject({ GREETING: 'hello from other', AWS_LAMBDA_FUNCTION_NAME: 'other-env', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128' });
  });

  it('waits for the event loop to empty before a callback result is sent', async () => {
    const result = await lk.invoke('callback', {});
    expect(result.ok).toBe(true);
    expect(result.logs).toContain('\tINFO\ttimer done');
    expect(result.record.durationMs).toBeGreaterThanOrEqual(45);
  });

  it('sends a callback result at once when callbackWaitsForEmptyEventLoop is false', async () => {
    const result = await lk.invoke('callback-no-wait', {});
    expect(result).toMatchObject({ ok: true, payload: { immediate: true } });
    expect(result.logs).not.toContain('frozen timer ran');
    expect(result.record.durationMs).toBeLessThan(1500);
  });

  it('reports callback(err) as the function error', async () => {
    const result = failed(await lk.invoke('callback-error', {}));
    expect(result.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
  });

  it('refuses callback handlers on nodejs24.x at init, as AWS does', async () => {
    const result = failed(await lk.invoke('callback-node24', {}));
    expect(result.error.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect(result.record.outcome).toBe('init-error');
  });

  it('returns null for an async handler that returns nothing, with console levels', async () => {
    const result = await lk.invoke('returns-nothing', {});
    expect(result).toMatchObject({ ok: true, payload: null });
    expect(result.logs).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\t[0-9a-f-]{36}\tWARN\twarned$/m);
    expect(result.logs).toMatch(/\tERROR\tmulti\nline/);
  });
});

describe('environments', () => {
  it('keeps module state between warm invocations and reports Init Duration only on a cold start', async () => {
    const first = await lk.invoke('counter', {});
    const second = await lk.invoke('counter', {});
    expect(first).toMatchObject({ ok: true, payload: { count: 1 } });
    expect(second).toMatchObject({ ok: true, payload: { count: 2 } });
    expect(first.record.coldStart).toBe(true);
    expect(first.record.initDurationMs).toBeGreaterThan(0);
    expect(reportOf(first)).toContain('\tInit Duration: ');
    expect(second.record.coldStart).toBe(false);
    expect(reportOf(second)).not.toContain('Init Duration');
    // Since August 2025 a cold start bills its Init Duration too.
    expect(first.record.billedDurationMs).toBe(Math.ceil(first.record.durationMs + first.record.initDurationMs!));
  });

  it('kills a synchronous infinite loop at the timeout, and the next call starts fresh', async () => {
    const started = performance.now();
    const result = failed(await lk.invoke('loops-forever', {}));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000 + 1500);
    expect(result.error).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${result.record.requestId} Error: Task timed out after 1.00 seconds`,
      trace: [],
    });
    expect(result.record).toMatchObject({ outcome: 'timeout', durationMs: 1000 });
    expect(result.record.billedDurationMs).toBeGreaterThanOrEqual(1000);
    expect(result.logs).toContain('\tINFO\tabout to spin');
    expect(result.logs).toMatch(new RegExp(`^\\S+Z ${result.record.requestId} Task timed out after 1\\.00 seconds\\n\\nEND`, 'm'));
    expect(reportOf(result)).toContain('\tStatus: timeout');
    const next = failed(await lk.invoke('loops-forever', {}));
    expect(next.record.coldStart).toBe(true);
  });

  it('ends an invocation whose promise never settles once its event loop is empty', async () => {
    const result = failed(await lk.invoke('never-resolves', {}));
    expect(result.error.errorType).toBe('Runtime.NodeJsExit');
    expect(result.record.outcome).toBe('error');
  });

  it('reports out of memory as AWS does and discards the environment', async () => {
    const result = failed(await lk.invoke('allocates-forever', {}));
    expect(result.error.errorType).toBe('Runtime.OutOfMemory');
    expect(result.record).toMatchObject({ outcome: 'out-of-memory', maxMemoryUsedMb: 128 });
    expect(reportOf(result)).toMatch(/\tMax Memory Used: 128 MB(\tInit Duration: [\d.]+ ms)?\tStatus: error\tError Type: Runtime\.OutOfMemory\t/);
    const after = await lk.invoke('counter', {});
    expect(after.ok).toBe(true);
  });

  it('measures Max Memory Used for every invocation', async () => {
    const result = await lk.invoke('echo', {});
    expect(result.record.maxMemoryUsedMb).toBeGreaterThan(0);
    expect(result.record.maxMemoryUsedMb).toBeLessThanOrEqual(256);
  });
});

describe('handler faults', () => {
  it('reports a thrown error with its own type, message and trace, and keeps the environment', async () => {
    const result = failed(await lk.invoke('throws', {}));
    expect(result.error.errorType).toBe('ValidationError');
    expect(result.error.errorMessage).toBe('name is required');
    expect(result.error.trace[0]).toBe('ValidationError: name is required');
    expect(result.logs).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"ValidationError","errorMessage":"name is required","stack":\[/);
    const again = failed(await lk.invoke('throws', {}));
    expect(again.record.coldStart).toBe(false);
  });

  it('reports a thrown non-Error value by its type', async () => {
    const result = failed(await lk.invoke('throws', { kind: 'string' }));
    expect(result.error).toEqual({ errorType: 'string', errorMessage: 'oops', trace: [] });
  });

  it('reports a rejection', async () => {
    const result = failed(await lk.invoke('rejects', {}));
    expect(result.error).toMatchObject({ errorType: 'RangeError', errorMessage: 'out of range' });
  });

  it('names the TypeScript source file and line in a stack trace', async () => {
    const result = failed(await lk.invoke('trace', {}));
    expect(result.error.trace.join('\n')).toMatch(/functions\/trace\.ts:2:9/);
  });

  it('reports an unhandled rejection and starts a fresh environment next time', async () => {
    const result = failed(await lk.invoke('unhandled', {}));
    expect(result.error.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(result.error.errorMessage).toBe('Error: nobody caught me');
    expect(result.record.outcome).toBe('crash');
    const next = failed(await lk.invoke('unhandled', {}));
    expect(next.record.coldStart).toBe(true);
  });

  it('reports an uncaught exception thrown outside the handler\'s promise', async () => {
    const result = failed(await lk.invoke('uncaught', {}));
    expect(result.error).toMatchObject({ errorType: 'Error', errorMessage: 'thrown in a timer' });
    expect(result.record.outcome).toBe('crash');
  });

  it('reports process.exit as Runtime.ExitError and lambkin keeps running', async () => {
    const result = failed(await lk.invoke('exits', {}));
    expect(result.error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${result.record.requestId} Error: Runtime exited with error: exit status 3`,
      trace: [],
    });
    expect(reportOf(result)).toContain('\tStatus: error\tError Type: Runtime.ExitError');
    const after = await lk.invoke('counter', {});
    expect(after.ok).toBe(true);
  });

  it('reports an error thrown at init as the invocation\'s error, with Init Duration', async () => {
    const result = failed(await lk.invoke('init-throws', {}));
    expect(result.error).toMatchObject({ errorType: 'Error', errorMessage: 'cannot connect to the database at init' });
    expect(result.record.outcome).toBe('init-error');
    expect(result.logs).toMatch(/\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Error"/);
    expect(reportOf(result)).toContain('Init Duration');
  });

  it('reports a missing package as Runtime.ImportModuleError', async () => {
    const result = failed(await lk.invoke('missing-package', {}));
    expect(result.error.errorType).toBe('Runtime.ImportModuleError');
    expect(result.error.errorMessage).toContain('lambkin-no-such-package');
  });
});

describe('concurrency', () => {
  it('throttles beyond reservedConcurrency and loses no call', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => lk.invoke('slow', { ms: 300 })));
    const ok = results.filter((r) => r.ok);
    const throttled = results.filter((r) => !r.ok && r.record.outcome === 'throttled');
    expect(ok).toHaveLength(2);
    expect(throttled).toHaveLength(4);
    expect(failed(throttled[0]!).error).toEqual({ errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', trace: [] });
    const after = await lk.invoke('slow', { ms: 1 });
    expect(after.ok).toBe(true);
    // Throttles are kept in the ledger, unbilled, for `lambkin bill` to count.
    await lk.flushLedger();
    const ledger = readFileSync(join(project.dir, '.lambkin', 'invocations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; costUsd: number; requestId: string });
    const ids = new Set(throttled.map((t) => t.record.requestId));
    const kept = ledger.filter((r) => ids.has(r.requestId));
    expect(kept).toHaveLength(4);
    expect(kept.every((r) => r.outcome === 'throttled' && r.costUsd === 0)).toBe(true);
  });
});

describe('billing', () => {
  it('bills arm64 at its own price and appends every invocation to the ledger', async () => {
    const result = await lk.invoke('arm', {});
    const { record } = result;
    expect(record.architecture).toBe('arm64');
    expect(record.gbSeconds).toBeCloseTo((1536 / 1024) * (record.billedDurationMs / 1000), 12);
    expect(record.costUsd).toBeCloseTo(record.gbSeconds * 0.0000133334 + 0.0000002, 15);
    await lk.flushLedger();
    const lines = readFileSync(join(project.dir, '.lambkin', 'invocations.jsonl'), 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(last).toEqual(JSON.parse(JSON.stringify(record)));
    expect(Object.keys(last).sort()).toEqual(
      ['architecture', 'billedDurationMs', 'coldStart', 'costUsd', 'durationMs', 'functionName', 'gbSeconds', 'generation',
        'initDurationMs', 'maxMemoryUsedMb', 'memorySizeMb', 'outcome', 'requestId', 'source', 'startedAt'].sort(),
    );
  });
});

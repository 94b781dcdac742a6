import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../support/fixture.js';
import { ARN, json, payloadOf, useLambdaApi } from './lambda-api-harness.js';

const api = useLambdaApi();

describe('Invoke API: invocation types', () => {
  it('answers RequestResponse with 200, the payload and the executed version', async () => {
    const out = await api.invoke({ FunctionName: 'echo', Payload: json({ hello: 'sdk' }) });
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.FunctionError).toBeUndefined();
    expect(out.LogResult).toBeUndefined();
    expect(payloadOf(out)).toMatchObject({ event: { hello: 'sdk' }, functionName: 'echo', invokedFunctionArn: `${ARN}:echo` });
  });

  it('passes {} to the function when the request has no payload', async () => {
    const out = await api.invoke({ FunctionName: 'echo' });
    expect(payloadOf(out)).toMatchObject({ event: {} });
  });

  it('returns a function error as 200 with X-Amz-Function-Error: Unhandled and the error JSON', async () => {
    const out = await api.invoke({ FunctionName: 'throws', Payload: json({}) });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const error = payloadOf(out) as { errorType: string; errorMessage: string; trace: string[] };
    expect(error).toMatchObject({ errorType: 'ValidationError', errorMessage: 'name is required' });
    expect(error.trace[0]).toBe('ValidationError: name is required');
  });

  it('hands the client context to the function', async () => {
    const ClientContext = Buffer.from(JSON.stringify({ custom: { tenant: 'acme' } })).toString('base64');
    const out = await api.invoke({ FunctionName: 'echo', ClientContext, Payload: json({}) });
    expect(payloadOf(out)).toMatchObject({ clientContext: { custom: { tenant: 'acme' } } });
  });

  it('answers DryRun with 204 and runs nothing', async () => {
    await api.lk.flushLedger();
    const before = api.ledger().length;
    const out = await api.invoke({ FunctionName: 'records', InvocationType: 'DryRun', Payload: json({ id: 'dry' }) });
    expect(out.StatusCode).toBe(204);
    await api.lk.whenQueueIdle();
    await api.lk.flushLedger();
    expect(api.ledger()).toHaveLength(before);
    expect(api.delivered()).not.toContain('dry');
  });

  it('accepts Event with 202 and delivers it through the durable queue', async () => {
    const out = await api.invoke({ FunctionName: 'records', InvocationType: 'Event', Payload: json({ id: 'async-1' }) });
    expect(out.StatusCode).toBe(202);
    expect((out.Payload ?? new Uint8Array()).length).toBe(0);
    await waitFor(() => (api.delivered().includes('async-1') ? true : undefined), 'the event to be delivered');
    await api.lk.whenQueueIdle();
    await api.lk.flushLedger();
    expect(api.ledger().find((r) => r['functionName'] === 'records' && r['source'] === 'api')).toBeDefined();
  });
});

describe('Invoke API: LogType Tail', () => {
  it('returns the invocation log, START to REPORT, base64 in X-Amz-Log-Result', async () => {
    const out = await api.invoke({ FunctionName: 'logs', LogType: 'Tail', Payload: json({ lines: 1 }) });
    const log = Buffer.from(out.LogResult!, 'base64').toString('utf8');
    const lines = log.trimEnd().split('\n');
    const requestId = out.$metadata.requestId!;
    expect(lines[0]).toBe(`START RequestId: ${requestId} Version: $LATEST`);
    expect(lines[1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${requestId}\\tINFO\\tline 0001 \\.{10}$`));
    expect(lines.at(-2)).toBe(`END RequestId: ${requestId}`);
    expect(lines.at(-1)).toMatch(new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB`));
  });

  it('keeps only the last 4 KB of a long log', async () => {
    const out = await api.invoke({ FunctionName: 'logs', LogType: 'Tail', Payload: json({ lines: 200, width: 40 }) });
    const tail = Buffer.from(out.LogResult!, 'base64');
    expect(tail.length).toBeLessThanOrEqual(4096);
    expect(tail.length).toBeGreaterThan(4000);
    const text = tail.toString('utf8');
    expect(text).not.toContain('line 0001');
    expect(text).toContain('line 0200');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^REPORT RequestId: /);
  });
});

describe('Invoke API: function name forms', () => {
  it.each([
    ['a name with $LATEST', 'echo:$LATEST'],
    ['a full ARN', `${ARN}:echo`],
    ['a full ARN with a qualifier', `${ARN}:echo:$LATEST`],
    ['a partial ARN', '123456789012:function:echo'],
  ])('invokes the function named by %s', async (_what, FunctionName) => {
    const out = await api.invoke({ FunctionName, Payload: json({ form: FunctionName }) });
    expect(out.StatusCode).toBe(200);
    expect(payloadOf(out)).toMatchObject({ event: { form: FunctionName }, functionName: 'echo' });
  });

  it('accepts the qualifier as the Qualifier parameter and runs $LATEST for an alias, with a warning', async () => {
    const out = await api.invoke({ FunctionName: 'echo', Qualifier: 'live', Payload: json({}) });
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(api.logger.lines).toContain("warn: Invoke API: echo:live: lambkin has no versions or aliases, so qualifier 'live' runs $LATEST");
  });

  it('reads a percent-encoded ARN in the path, as `aws lambda invoke` sends it', async () => {
    const res = await fetch(`${api.lk.awsUrl}/2015-03-31/functions/${encodeURIComponent(`${ARN}:echo`)}/invocations`, { method: 'POST', body: '{"raw":true}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(await res.json()).toMatchObject({ event: { raw: true } });
  });
});

const run = promisify(execFile);
const awsCli = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

describe('Invoke API: the AWS CLI', () => {
  it.skipIf(!awsCli)('works with `aws lambda invoke --endpoint-url` unchanged', async () => {
    const outFile = join(api.project.dir, 'cli-out.json');
    // fileb:// reads the payload as bytes in AWS CLI v1 and v2 alike (v2 takes a literal as base64).
    const payloadFile = join(api.project.dir, 'cli-payload.json');
    writeFileSync(payloadFile, '{"via":"cli"}');
    const { stdout } = await run(
      'aws',
      ['lambda', 'invoke', '--endpoint-url', api.lk.awsUrl!, '--function-name', 'echo', '--payload', `fileb://${payloadFile}`, '--log-type', 'Tail', outFile],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: api.project.dir,
          AWS_ACCESS_KEY_ID: 'LAMBKINTEST',
          AWS_SECRET_ACCESS_KEY: 'lambkin-test-secret',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(api.project.dir, 'no-aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(api.project.dir, 'no-aws-credentials'),
        },
      },
    );
    const answer = JSON.parse(stdout) as { StatusCode: number; ExecutedVersion: string; LogResult: string };
    expect(answer).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(Buffer.from(answer.LogResult, 'base64').toString('utf8')).toMatch(/^START RequestId: /);
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toMatchObject({ event: { via: 'cli' } });
  }, 30_000);
});

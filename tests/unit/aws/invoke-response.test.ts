import { describe, expect, it } from 'vitest';
import { LOG_TAIL_BYTES, logTail, syncResponse } from '../../../src/aws/invoke-response.js';
import type { InvocationRecord, InvocationResult } from '../../../src/runtime/types.js';

const record = { requestId: 'r-1', outcome: 'success' } as InvocationRecord;
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('logTail', () => {
  it('returns a short log whole', () => {
    expect(decode(logTail('START\nEND\n'))).toBe('START\nEND\n');
  });

  it('keeps the last 4 KB of a long log', () => {
    const log = `${'a'.repeat(5000)}REPORT\n`;
    const tail = Buffer.from(logTail(log), 'base64');
    expect(tail.length).toBe(LOG_TAIL_BYTES);
    expect(tail.toString('utf8').endsWith('REPORT\n')).toBe(true);
  });

  it('never starts inside a multi-byte character', () => {
    // 'é' is two bytes; with one 'x' before and after them, the 4096-byte cut lands on an 'é''s second byte.
    const log = `x${'é'.repeat(3000)}x`;
    const tail = decode(logTail(log));
    expect(tail).toBe(`${'é'.repeat(2047)}x`);
    expect(tail).not.toContain('\uFFFD');
  });
});

describe('syncResponse', () => {
  it('answers a success with the JSON payload, $LATEST and no function error', () => {
    const result: InvocationResult = { ok: true, payload: { a: 1 }, record, logs: 'L\n' };
    const response = syncResponse(result, { tail: false, requestId: 'r-1' });
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({ 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': 'r-1' });
    expect(response.body.toString()).toBe('{"a":1}');
  });

  it('answers an undefined result with null', () => {
    expect(syncResponse({ ok: true, payload: undefined, record, logs: '' }, { tail: false, requestId: 'r' }).body.toString()).toBe('null');
  });

  it('answers a function error with 200, Unhandled and the error JSON, and the log tail when asked', () => {
    const error = { errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom'] };
    const response = syncResponse({ ok: false, error, record, logs: 'START\n' }, { tail: true, requestId: 'r' });
    expect(response.status).toBe(200);
    expect(response.headers['X-Amz-Function-Error']).toBe('Unhandled');
    expect(decode(response.headers['X-Amz-Log-Result']!)).toBe('START\n');
    expect(JSON.parse(response.body.toString())).toEqual(error);
  });
});

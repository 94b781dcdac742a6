import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../src/runtime/types.js';
import { parseLedger } from '../../../src/billing/parse-ledger.js';

const record = (over: Partial<InvocationRecord> = {}): InvocationRecord => ({
  requestId: '1f0c',
  functionName: 'hello',
  generation: 3,
  source: 'http',
  startedAt: '2025-08-10T12:00:00.000Z',
  coldStart: false,
  durationMs: 12.34,
  billedDurationMs: 13,
  memorySizeMb: 128,
  maxMemoryUsedMb: 61,
  architecture: 'x86_64',
  gbSeconds: 0.001625,
  costUsd: 0.000000227,
  outcome: 'success',
  ...over,
});
// What ledger.ts writes: JSON.stringify(record) + '\n' per invocation.
const lines = (...records: unknown[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');

describe('parseLedger', () => {
  it('reads every line the ledger writer writes, optional fields included', () => {
    const cold = record({ coldStart: true, initDurationMs: 156.07, requestId: 'b' });
    const failed = record({ outcome: 'error', errorType: 'TypeError', requestId: 'c' });
    const { records, warnings } = parseLedger(lines(record(), cold, failed));
    expect(warnings).toEqual([]);
    expect(records).toEqual([record(), cold, failed]);
  });

  it('returns nothing, without warnings, for an empty file or blank lines', () => {
    expect(parseLedger('')).toEqual({ records: [], warnings: [] });
    expect(parseLedger('\n  \n\n')).toEqual({ records: [], warnings: [] });
  });

  it('skips a torn last line with a warning naming its line', () => {
    const text = lines(record(), record()) + JSON.stringify(record()).slice(0, 40);
    const { records, warnings } = parseLedger(text);
    expect(records).toHaveLength(2);
    expect(warnings).toEqual(['line 3: not valid JSON (a torn or partial write?); skipped']);
  });

  it('keeps reading after a corrupt line in the middle, counting blank lines in line numbers', () => {
    const text = `${JSON.stringify(record({ requestId: 'a' }))}\n\n{"requestId": "b", garbage\n${JSON.stringify(record({ requestId: 'd' }))}\n`;
    const { records, warnings } = parseLedger(text);
    expect(records.map((r) => r.requestId)).toEqual(['a', 'd']);
    expect(warnings).toEqual(['line 3: not valid JSON (a torn or partial write?); skipped']);
  });

  it('accepts CRLF line ends', () => {
    const text = `${JSON.stringify(record())}\r\n${JSON.stringify(record())}\r\n`;
    expect(parseLedger(text).records).toHaveLength(2);
  });

  it('names the missing fields of a line that lacks required ones', () => {
    const { functionName: _f, durationMs: _d, ...partial } = record();
    const { records, warnings } = parseLedger(lines(partial));
    expect(records).toEqual([]);
    expect(warnings).toEqual(['line 1: missing or invalid functionName, durationMs; skipped']);
  });

  it.each([
    ['durationMs', '12'],
    ['durationMs', -1],
    ['billedDurationMs', 12.5],
    ['memorySizeMb', 0],
    ['outcome', 'exploded'],
    ['architecture', 'arm'],
    ['source', 'sqs'],
    ['coldStart', 'yes'],
    ['startedAt', 'yesterday'],
    ['requestId', ''],
    ['gbSeconds', null],
    ['initDurationMs', 'slow'],
    ['errorType', 42],
  ])('skips a line whose %s is %j', (field, value) => {
    const { records, warnings } = parseLedger(lines({ ...record(), [field]: value }));
    expect(records).toEqual([]);
    expect(warnings).toEqual([`line 1: missing or invalid ${field}; skipped`]);
  });

  it.each([['null'], ['[1,2]'], ['"text"'], ['42']])('skips a line that is JSON but not an object: %s', (line) => {
    expect(parseLedger(`${line}\n`).warnings).toEqual(['line 1: not a JSON object; skipped']);
  });

  it('drops fields it does not know', () => {
    const [parsed] = parseLedger(lines({ ...record(), extra: 'x' })).records;
    expect(parsed).toEqual(record());
    expect(parsed).not.toHaveProperty('extra');
  });

  it('gives one warning per bad line', () => {
    const { records, warnings } = parseLedger(`oops\n${JSON.stringify(record())}\n{}\n`);
    expect(records).toHaveLength(1);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^line 1: /);
    expect(warnings[1]).toMatch(/^line 3: missing or invalid requestId, functionName, /);
  });
});

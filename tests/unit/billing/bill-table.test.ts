import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../../src/runtime/types.js';
import { formatBillTable } from '../../../src/billing/bill-table.js';
import { summarize } from '../../../src/billing/summary.js';

const NOW = new Date('2025-08-20T10:00:00.000Z');
const record = (over: Partial<InvocationRecord> = {}): InvocationRecord => ({
  requestId: 'req',
  functionName: 'hello',
  generation: 1,
  source: 'http',
  startedAt: '2025-08-10T12:00:00.000Z',
  coldStart: false,
  durationMs: 46.12,
  billedDurationMs: 47,
  memorySizeMb: 1536,
  maxMemoryUsedMb: 60,
  architecture: 'x86_64',
  gbSeconds: 0.0705,
  costUsd: 0.000001375,
  outcome: 'success',
  ...over,
});

const ledger = [
  record(),
  record({ functionName: 'resize-image', outcome: 'timeout', durationMs: 3000, billedDurationMs: 3000, memorySizeMb: 128 }),
  record({ functionName: 'nightly', startedAt: '2025-06-01T00:00:00.000Z', memorySizeMb: 10240, billedDurationMs: 900_000 }),
];

/** The lines of the table that follows `title`, up to the next blank line. */
function tableAfter(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title)) + 1;
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('formatBillTable', () => {
  const text = formatBillTable(summarize(ledger, { now: NOW }));

  it('has a table for this month and one for all time, with a row per function and a total', () => {
    const month = tableAfter(text, 'This month (2025-08, UTC)');
    const allTime = tableAfter(text, 'All time');
    expect(month[0]).toMatch(/^function\s+invocations\s+errors\s+timeouts\s+throttles\s+avg ms\s+p95 ms\s+GB-s/);
    expect(month.map((line) => line.split(/\s+/)[0])).toEqual([
      'function',
      expect.stringMatching(/^-+$/),
      'hello',
      'nightly',
      'resize-image',
      expect.stringMatching(/^-+$/),
      'total',
    ]);
    expect(allTime).toHaveLength(month.length);
  });

  it('aligns every column: all lines of a table are the same width', () => {
    for (const title of ['This month', 'All time']) {
      const widths = new Set(tableAfter(text, title).map((line) => line.length));
      expect(widths.size).toBe(1);
    }
  });

  it('shows counts, durations, GB-s and small costs readably', () => {
    const hello = tableAfter(text, 'This month').find((line) => line.startsWith('hello'))!;
    expect(hello.split(/\s{2,}/)).toEqual(['hello', '1', '0', '0', '0', '46.12', '46.12', '0.0705', '$0.0000002', '$0.0000012', '$0.0000014', '$0.00']);
    const resize = tableAfter(text, 'This month').find((line) => line.startsWith('resize-image'))!;
    expect(resize.split(/\s{2,}/).slice(1, 4)).toEqual(['1', '1', '1']);
  });

  it('shows a dash for the durations of a function idle this month, and thousands separators', () => {
    const nightly = tableAfter(text, 'This month').find((line) => line.startsWith('nightly'))!;
    expect(nightly.split(/\s{2,}/).slice(5, 7)).toEqual(['-', '-']);
    const nightlyAllTime = tableAfter(text, 'All time').find((line) => line.startsWith('nightly'))!;
    expect(nightlyAllTime).toContain('9,000');
    expect(nightlyAllTime).toContain('$0.15');
  });

  it('is plain text ending in a newline, with the free tier rule stated', () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('1,000,000 requests and 400,000 GB-s per calendar month');
    expect(text).not.toContain('What if');
  });

  it('states a what-if', () => {
    const whatIf = formatBillTable(summarize(ledger, { now: NOW, memoryMb: 1024, architecture: 'arm64' }));
    expect(whatIf).toContain('What if: memory 1,024 MB (billed durations kept), architecture arm64');
  });
});

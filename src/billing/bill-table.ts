/**
 * The text form of `lambkin bill`: one aligned table for the current month and one for all time,
 * plain text with no colours so it pastes into issues and CI logs. `--json` prints the summary itself.
 */
import { FREE_TIER } from './pricing.js';
import type { BillSummary, UsageSummary } from './summary.js';

interface Column {
  title: string;
  cell: (usage: UsageSummary) => string;
}

const COLUMNS: readonly Column[] = [
  { title: 'invocations', cell: (u) => integer(u.invocations) },
  { title: 'errors', cell: (u) => integer(u.errors) },
  { title: 'timeouts', cell: (u) => integer(u.timeouts) },
  { title: 'throttles', cell: (u) => integer(u.throttles) },
  { title: 'avg ms', cell: (u) => milliseconds(u.avgDurationMs) },
  { title: 'p95 ms', cell: (u) => milliseconds(u.p95DurationMs) },
  { title: 'GB-s', cell: (u) => gbSeconds(u.gbSeconds) },
  { title: 'requests', cell: (u) => dollars(u.requestCostUsd) },
  { title: 'compute', cell: (u) => dollars(u.computeCostUsd) },
  { title: 'cost', cell: (u) => dollars(u.costUsd) },
  { title: 'after free tier', cell: (u) => dollars(u.afterFreeTier.costUsd) },
];

export function formatBillTable(summary: BillSummary): string {
  const lines = [
    'lambkin bill: AWS Lambda on-demand prices, us-east-1, first tier',
    ...whatIfLine(summary),
    '',
    `This month (${summary.month}, UTC)`,
    ...table(summary, 'currentMonth'),
    '',
    'All time',
    ...table(summary, 'allTime'),
    '',
    `Free tier: ${integer(FREE_TIER.requests)} requests and ${integer(FREE_TIER.gbSeconds)} GB-s per calendar month ` +
      'per account, applied to each month',
    "and shared among functions in proportion to each one's requests and GB-s.",
  ];
  return `${lines.join('\n')}\n`;
}

function whatIfLine(summary: BillSummary): string[] {
  const { memoryMb, architecture } = summary.whatIf;
  const parts = [
    ...(memoryMb !== undefined ? [`memory ${integer(memoryMb)} MB (billed durations kept)`] : []),
    ...(architecture !== undefined ? [`architecture ${architecture}`] : []),
  ];
  return parts.length === 0 ? [] : [`What if: ${parts.join(', ')}`];
}

function table(summary: BillSummary, period: 'currentMonth' | 'allTime'): string[] {
  const header = ['function', ...COLUMNS.map((c) => c.title)];
  const body = summary.functions.map((f) => [f.functionName, ...COLUMNS.map((c) => c.cell(f[period]))]);
  const total = ['total', ...COLUMNS.map((c) => c.cell(summary.total[period]))];
  const rows = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const render = (row: string[]): string =>
    row.map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [render(header), rule, ...body.map(render), rule, render(total)];
}

// A fixed locale so the output does not change with the machine's settings.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const TWO_DECIMALS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SMALL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
const FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

function integer(value: number): string {
  return INTEGER.format(value);
}

function milliseconds(value: number | null): string {
  return value === null ? '-' : TWO_DECIMALS.format(value);
}

function gbSeconds(value: number): string {
  return value >= 100 ? TWO_DECIMALS.format(value) : FRACTION.format(value);
}

/** Cents from a cent up; below that two significant digits, since local bills are often tiny. */
function dollars(value: number): string {
  if (value === 0) return '$0.00';
  return `$${value >= 0.01 ? TWO_DECIMALS.format(value) : SMALL.format(value)}`;
}

/**
 * Reads `.lambkin/invocations.jsonl` text into records for `lambkin bill`. A process killed mid-write
 * leaves a torn last line, and older or hand-edited files may hold anything: such lines are skipped
 * with a warning naming the line, so one bad line never hides the rest of the bill.
 */
import type { Architecture, InvocationRecord, Outcome, SourceKind } from '../runtime/types.js';

export interface ParsedLedger {
  records: InvocationRecord[];
  /** One per skipped line: `line 7: not valid JSON (a torn write?); skipped`. */
  warnings: string[];
}

// `satisfies Record<Union, true>` makes the compiler fail here when a union member is added.
const SOURCES = { http: true, schedule: true, s3: true, cli: true, api: true } satisfies Record<SourceKind, true>;
const ARCHITECTURES = { x86_64: true, arm64: true } satisfies Record<Architecture, true>;
const OUTCOMES = {
  success: true,
  error: true,
  timeout: true,
  'out-of-memory': true,
  crash: true,
  'init-error': true,
  throttled: true,
} satisfies Record<Outcome, true>;

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string' && v !== '';
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const isAmount: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isOneOf =
  (allowed: object): Check =>
  (v) =>
    typeof v === 'string' && Object.hasOwn(allowed, v);

// Billed ms and memory must be integers: summary.ts sums MB x ms exactly as integers.
const REQUIRED: Readonly<Record<Exclude<keyof InvocationRecord, 'initDurationMs' | 'errorType'>, Check>> = {
  requestId: isString,
  functionName: isString,
  generation: isCount,
  source: isOneOf(SOURCES),
  startedAt: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  coldStart: (v) => typeof v === 'boolean',
  durationMs: isAmount,
  billedDurationMs: isCount,
  memorySizeMb: (v) => isCount(v) && (v as number) > 0,
  maxMemoryUsedMb: isAmount,
  architecture: isOneOf(ARCHITECTURES),
  gbSeconds: isAmount,
  costUsd: isAmount,
  outcome: isOneOf(OUTCOMES),
};

const OPTIONAL: Readonly<Record<'initDurationMs' | 'errorType', Check>> = {
  initDurationMs: isAmount,
  errorType: (v) => typeof v === 'string',
};

/** Parses JSON lines; blank lines are ignored, line numbers in warnings count from 1. */
export function parseLedger(text: string): ParsedLedger {
  const records: InvocationRecord[] = [];
  const warnings: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const result = parseLine(line);
    if (typeof result === 'string') warnings.push(`line ${index + 1}: ${result}; skipped`);
    else records.push(result);
  });
  return { records, warnings };
}

/** The record, or why the line is not one. */
function parseLine(line: string): InvocationRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON (a torn or partial write?)';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const fields = value as Record<string, unknown>;
  const bad = Object.entries(REQUIRED)
    .filter(([name, check]) => !check(fields[name]))
    .map(([name]) => name);
  for (const [name, check] of Object.entries(OPTIONAL)) {
    if (fields[name] !== undefined && !check(fields[name])) bad.push(name);
  }
  if (bad.length > 0) return `missing or invalid ${bad.join(', ')}`;
  // Every field was checked above; copy only the known ones so stray keys do not travel on.
  const record = Object.fromEntries(
    [...Object.keys(REQUIRED), ...Object.keys(OPTIONAL)]
      .filter((name) => fields[name] !== undefined)
      .map((name) => [name, fields[name]]),
  );
  return record as unknown as InvocationRecord;
}

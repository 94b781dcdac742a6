/**
 * `lambkin bill [--dir .] [--json] [--memory N] [--arch arm64|x86_64] [--month YYYY-MM]`: GB-seconds
 * and cost per function from .lambkin/invocations.jsonl, this month and all time, before and after
 * the free tier, optionally re-priced at another memory size or architecture.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBillTable } from '../billing/bill-table.js';
import { ledgerPath } from '../billing/ledger.js';
import { parseLedger } from '../billing/parse-ledger.js';
import { summarize, type BillSummary } from '../billing/summary.js';
import { LIMITS } from '../config/schema.js';
import { UsageError } from '../errors.js';
import type { Architecture } from '../runtime/types.js';
import { withUsage } from './args.js';

export const USAGE = 'lambkin bill [--dir .] [--json] [--memory N] [--arch arm64|x86_64] [--month YYYY-MM]';

export interface BillOptions {
  dir: string;
  json: boolean;
  memoryMb: number | undefined;
  architecture: Architecture | undefined;
  /** The month shown as "this month"; undefined: the current one (UTC). */
  month: string | undefined;
}

export function parseBillArgs(argv: string[]): BillOptions {
  const { values } = withUsage(USAGE, () =>
    parseArgs({
      args: argv,
      options: {
        dir: { type: 'string', default: '.' },
        json: { type: 'boolean', default: false },
        memory: { type: 'string' },
        arch: { type: 'string' },
        month: { type: 'string' },
      },
    }),
  );
  return {
    dir: values.dir,
    json: values.json,
    memoryMb: memoryOption(values.memory),
    architecture: architectureOption(values.arch),
    month: monthOption(values.month),
  };
}

export async function billCommand(argv: string[]): Promise<number> {
  const options = parseBillArgs(argv);
  const file = ledgerPath(resolve(options.dir));
  const shown = relative(process.cwd(), file) || file;
  const text = await readLedgerText(file);
  const { records, warnings } = parseLedger(text ?? '');
  // A torn line (a kill mid-write) must not hide the rest of the bill: warn and read on.
  for (const warning of warnings) process.stderr.write(`lambkin: warning: ${shown} ${warning}\n`);
  const summary = madeNow(
    summarize(records, {
      now: options.month === undefined ? new Date() : new Date(`${options.month}-01T00:00:00.000Z`),
      memoryMb: options.memoryMb,
      architecture: options.architecture,
    }),
  );
  if (records.length === 0 && warnings.length === 0) {
    const reason = text === undefined ? `there is no ${shown} yet` : `${shown} is empty`;
    const hint = `lambkin bill: no invocations to bill: ${reason}.\nRun your functions with \`lambkin invoke <function>\` or \`lambkin dev\`, then run \`lambkin bill\` again.\n`;
    // --json still prints a (zero) summary, so scripts always get JSON on stdout.
    if (options.json) process.stderr.write(hint);
    else {
      process.stdout.write(hint);
      return 0;
    }
  }
  process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatBillTable(summary));
  return 0;
}

/** `generatedAt` says when the bill was made, even when `--month` picked another month. */
function madeNow(summary: BillSummary): BillSummary {
  return { ...summary, generatedAt: new Date().toISOString() };
}

async function readLedgerText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function memoryOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const { min, max } = LIMITS.memory;
  const memory = Number(value);
  if (!/^\d+$/.test(value) || memory < min || memory > max) {
    throw new UsageError(`--memory ${value}: Lambda memory is a whole number of MB from ${min} to ${max}\nusage: ${USAGE}`);
  }
  return memory;
}

function architectureOption(value: string | undefined): Architecture | undefined {
  if (value === undefined || value === 'x86_64' || value === 'arm64') return value;
  throw new UsageError(`--arch ${value}: the architecture is arm64 or x86_64\nusage: ${USAGE}`);
}

function monthOption(value: string | undefined): string | undefined {
  if (value === undefined || /^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return value;
  throw new UsageError(`--month ${value}: a month is written YYYY-MM, e.g. 2024-05\nusage: ${USAGE}`);
}

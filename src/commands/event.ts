/**
 * `lambkin event <s3-put|s3-delete|http|rest|schedule> [options]`: prints a sample event of that
 * source as JSON, ready for `lambkin event http --path /hello | lambkin invoke hello --event -`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfigFile } from '../config/load.js';
import { DEFAULTS } from '../config/types.js';
import { UsageError } from '../errors.js';
import type { HeaderPair } from '../sources/http/request.js';
import { withUsage } from './args.js';
import { SAMPLE_KINDS, sampleHttpEvent, sampleS3Event, sampleScheduledEvent, type SampleAccount, type SampleKind } from './sample-events.js';

export const USAGE =
  'lambkin event <s3-put|s3-delete|http|rest|schedule> [--bucket B --key K --size N | --method M --path P --body B --route R --header "Name: value" | --rule R] [--dir .]';

const OPTIONS = {
  dir: { type: 'string', default: '.' },
  bucket: { type: 'string' },
  key: { type: 'string' },
  size: { type: 'string' },
  method: { type: 'string' },
  path: { type: 'string' },
  body: { type: 'string' },
  route: { type: 'string' },
  header: { type: 'string', multiple: true },
  rule: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Which options each kind takes; any other is a usage error rather than silently ignored. */
const ALLOWED: Readonly<Record<SampleKind, readonly OptionName[]>> = {
  's3-put': ['dir', 'bucket', 'key', 'size'],
  's3-delete': ['dir', 'bucket', 'key'],
  http: ['dir', 'method', 'path', 'body', 'route', 'header'],
  rest: ['dir', 'method', 'path', 'body', 'route', 'header'],
  schedule: ['dir', 'rule'],
};

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return withUsage(USAGE, () => parseArgs({ args: argv, allowPositionals: true, options: OPTIONS }));
}

export async function eventCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  const kind = positionals[0];
  if (kind === undefined || positionals.length > 1 || !(SAMPLE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`name one event kind: ${SAMPLE_KINDS.join(', ')}\nusage: ${USAGE}`);
  }
  const sampleKind = kind as SampleKind;
  const stray = (Object.keys(values) as OptionName[]).filter((name) => values[name] !== undefined && !ALLOWED[sampleKind].includes(name));
  if (stray.length > 0) {
    throw new UsageError(`${stray.map((s) => `--${s}`).join(', ')}: not an option of '${sampleKind}' events (it takes ${ALLOWED[sampleKind].map((s) => `--${s}`).join(', ')})\nusage: ${USAGE}`);
  }
  const event = buildSample(sampleKind, values, await accountOf(values.dir));
  process.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
  return 0;
}

function buildSample(kind: SampleKind, values: Values, account: SampleAccount): unknown {
  switch (kind) {
    case 's3-put':
    case 's3-delete':
      return sampleS3Event(kind, { bucket: nonEmpty(values.bucket, 'bucket') ?? 'my-bucket', key: nonEmpty(values.key, 'key') ?? 'uploads/hello world.txt', size: sizeOption(values.size) }, account);
    case 'http':
    case 'rest':
      return sampleHttpEvent(
        kind,
        {
          // A body without a method reads as a POST, as curl does with -d.
          method: (values.method ?? (values.body === undefined ? 'GET' : 'POST')).toUpperCase(),
          path: values.path ?? '/',
          body: values.body,
          route: values.route,
          headers: (values.header ?? []).map(headerOption),
        },
        account,
      );
    case 'schedule':
      return sampleScheduledEvent(values.rule ?? 'lambkin-sample-schedule', account);
  }
}

/** The project's Region, as the real sources use it; only the config file is read, not the functions. */
async function accountOf(dir: string): Promise<SampleAccount> {
  const { config } = await readConfigFile(resolve(dir));
  return { region: config.region ?? DEFAULTS.region, accountId: DEFAULTS.accountId, now: new Date() };
}

function sizeOption(value: string | undefined): number {
  if (value === undefined) return 11;
  if (!/^\d+$/.test(value)) throw new UsageError(`--size ${value}: a size is a whole number of bytes\nusage: ${USAGE}`);
  return Number(value);
}

function nonEmpty(value: string | undefined, name: string): string | undefined {
  if (value === '') throw new UsageError(`--${name} must not be empty\nusage: ${USAGE}`);
  return value;
}

function headerOption(value: string): HeaderPair {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new UsageError(`--header ${value}: write a header as "Name: value"\nusage: ${USAGE}`);
  return [value.slice(0, colon).trim(), value.slice(colon + 1).trim()];
}

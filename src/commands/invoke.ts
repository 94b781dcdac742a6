/**
 * `lambkin invoke <function> [--event FILE | --event -] [--dir .]`: runs one invocation,
 * prints the result (or the error) as JSON on stdout and Lambda's log lines on stderr.
 * Exit code: 0 success, 1 function error or timeout.
 */
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { parseJsonText } from '../config/json-file.js';
import { UsageError } from '../errors.js';
import { createLambkin } from '../lambkin.js';
import { createConsoleLogger } from '../log.js';
import { parseArgs } from 'node:util';
import { withUsage } from './args.js';

export const USAGE = 'lambkin invoke <function> [--event FILE | --event -] [--dir .]';

async function readEvent(source: string | undefined): Promise<unknown> {
  if (source === undefined) return {};
  if (source === '-') {
    const body = await text(process.stdin);
    return body.trim() === '' ? {} : parseJsonText(body, 'standard input');
  }
  let body: string;
  try {
    body = await readFile(source, 'utf8');
  } catch (err) {
    throw new UsageError(`--event ${source}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseJsonText(body, source);
}

export async function invokeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = withUsage(USAGE, () =>
    parseArgs({ args: argv, allowPositionals: true, options: { event: { type: 'string', short: 'e' }, dir: { type: 'string', default: '.' } } }),
  );
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new UsageError(`name one function\nusage: ${USAGE}`);
  const event = await readEvent(values.event);
  const lk = await createLambkin({ dir: values.dir, logger: createConsoleLogger(), only: [name], queue: false });
  if (!lk.config.functions.has(name)) {
    throw new UsageError(`no function '${name}' in ${lk.config.dir} (functions: ${[...lk.config.functions.keys()].join(', ') || 'none'})`);
  }
  try {
    await lk.start();
    const result = await lk.invoke(name, event, { source: 'cli' });
    process.stdout.write(`${JSON.stringify(result.ok ? result.payload : result.error, null, 2)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await lk.stop();
  }
}

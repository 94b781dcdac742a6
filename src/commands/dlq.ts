/**
 * `lambkin dlq list [--dir .] [--json]`: the dead letters of asynchronous invocations, read from
 * .lambkin/dlq/. `lambkin dlq redrive [id] [--dir .] [--aws-port 3001] [--host 127.0.0.1]`: sends
 * them again, through the project's running `dev` when one answers, else by moving the files back
 * to .lambkin/queue/ for the next `dev` to deliver.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DeadLetter } from '../async/event-store.js';
import { readDeadLetters, requeueDeadLetters } from '../async/requeue.js';
import { UsageError } from '../errors.js';
import { DEFAULT_AWS_PORT, DEFAULT_HOST, portOption, withUsage } from './args.js';
import { callControl, describeTarget, failureMessage, type ControlTarget } from './control-client.js';

export const USAGE = 'lambkin dlq list [--dir .] [--json]\n       lambkin dlq redrive [id] [--dir .] [--aws-port 3001] [--host 127.0.0.1]';

export async function dlqCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return listDeadLetters(rest);
  if (sub === 'redrive') return redrive(rest);
  throw new UsageError(`${sub === undefined ? 'name a subcommand' : `unknown subcommand '${sub}'`}: list or redrive\nusage: ${USAGE}`);
}

const warnUnreadable = (file: string, err: unknown) => process.stderr.write(`lambkin: cannot read ${file}: ${String(err)}; left in place\n`);

async function listDeadLetters(argv: string[]): Promise<number> {
  const { values } = withUsage(USAGE, () =>
    parseArgs({ args: argv, options: { dir: { type: 'string', default: '.' }, json: { type: 'boolean', default: false } } }),
  );
  const letters = await readDeadLetters(resolve(values.dir), warnUnreadable);
  process.stdout.write(values.json ? `${JSON.stringify(letters, null, 2)}\n` : formatDeadLetters(letters));
  return 0;
}

/** One line per dead letter, in aligned columns, and what to do about them. */
export function formatDeadLetters(letters: readonly DeadLetter[]): string {
  if (letters.length === 0) return 'no dead letters in .lambkin/dlq/\n';
  const rows = [
    ['id', 'function', 'condition', 'attempts', 'failed at', 'error'],
    ...letters.map((d) => [d.id, d.functionName, d.condition, String(d.attempts), d.failedAt, oneLine(`${d.error.errorType}: ${d.error.errorMessage}`)]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const lines = rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  '));
  return `${lines.join('\n')}\n\n${plural(letters.length)} in .lambkin/dlq/; \`lambkin dlq redrive [id]\` sends them again\n`;
}

function oneLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

async function redrive(argv: string[]): Promise<number> {
  const { values, positionals } = withUsage(USAGE, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dir: { type: 'string', default: '.' }, 'aws-port': { type: 'string' }, host: { type: 'string', default: DEFAULT_HOST } },
    }),
  );
  if (positionals.length > 1) throw new UsageError(`name at most one dead letter id\nusage: ${USAGE}`);
  const id = positionals[0];
  const dir = resolve(values.dir);
  const target = { host: values.host, port: portOption(values['aws-port'], 'aws-port', DEFAULT_AWS_PORT) };
  const dev = await devServing(target, dir);
  const why = dev.serves ? `the lambkin dev on ${describeTarget(target)} went away` : dev.why;
  if (dev.serves) {
    const answer = await callControl(target, 'POST', `dlq/redrive${id === undefined ? '' : `?id=${encodeURIComponent(id)}`}`);
    if (answer?.status === 200) {
      const n = (answer.body as { redriven: number }).redriven;
      process.stdout.write(n === 0 ? NOTHING : `redrove ${plural(n)} through the lambkin dev on ${describeTarget(target)}; it delivers them now\n`);
      return 0;
    }
    if (answer) {
      process.stderr.write(`lambkin: ${failureMessage(answer)}\n`);
      return answer.status < 500 ? 2 : 1;
    }
  }
  const n = await requeueDeadLetters(dir, { id, onUnreadable: warnUnreadable });
  if (n === 0) {
    process.stdout.write(NOTHING);
    return 0;
  }
  process.stdout.write(`${why}: moved ${plural(n)} to .lambkin/queue/; the next \`lambkin dev\` delivers them\n`);
  return 0;
}

const NOTHING = 'no dead letters in .lambkin/dlq/ to redrive\n';

function plural(n: number): string {
  return n === 1 ? '1 dead letter' : `${n} dead letters`;
}

/** Whether a `dev` of this project answers at the target; if not, why (for the message). */
async function devServing(target: ControlTarget, dir: string): Promise<{ serves: true } | { serves: false; why: string }> {
  const health = await callControl(target, 'GET', 'health');
  if (!health || health.status !== 200) return { serves: false, why: `no lambkin dev answering on ${describeTarget(target)}` };
  const served = (health.body as { dir?: unknown }).dir;
  // A dev serving another project must not redrive its own letters in our name.
  if (typeof served === 'string' && realPath(served) !== realPath(dir)) {
    return { serves: false, why: `the lambkin dev on ${describeTarget(target)} serves ${served}, not ${dir}` };
  }
  return { serves: true };
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * `lambkin fire <function> [--aws-port 3001] [--host 127.0.0.1]`: fires the function's schedules
 * now, in the running `lambkin dev`, which queues and delivers the events as a tick would.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { DEFAULT_AWS_PORT, DEFAULT_HOST, portOption, withUsage } from './args.js';
import { callControl, describeTarget, failureMessage, notAnswering } from './control-client.js';

export const USAGE = 'lambkin fire <function> [--aws-port 3001] [--host 127.0.0.1]';

export async function fireCommand(argv: string[]): Promise<number> {
  const { values, positionals } = withUsage(USAGE, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'aws-port': { type: 'string' }, host: { type: 'string', default: DEFAULT_HOST } },
    }),
  );
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new UsageError(`name one function\nusage: ${USAGE}`);
  const target = { host: values.host, port: portOption(values['aws-port'], 'aws-port', DEFAULT_AWS_PORT) };
  const answer = await callControl(target, 'POST', `schedules/${encodeURIComponent(name)}/fire`);
  if (!answer) {
    process.stderr.write(`lambkin: ${notAnswering(target)}\n`);
    return 2;
  }
  if (answer.status !== 200) {
    process.stderr.write(`lambkin: ${failureMessage(answer)}\n`);
    return answer.status < 500 ? 2 : 1;
  }
  const queued = (answer.body as { queued: string[] }).queued;
  const schedules = queued.length === 1 ? 'schedule' : `${queued.length} schedules`;
  process.stdout.write(`fired the ${schedules} of ${name} in the lambkin dev on ${describeTarget(target)}; queued ${queued.join(', ')}\n`);
  return 0;
}

/**
 * The command line: argv -> command -> exit code. The only module that exits the process
 * or handles signals. Exit codes: 0 success, 1 a function failed, 2 usage or config error.
 */
import { errorDetail, LambkinError } from './errors.js';
import { invokeCommand, USAGE as INVOKE_USAGE } from './commands/invoke.js';
import { listCommand, USAGE as LIST_USAGE } from './commands/list.js';
import { billCommand, USAGE as BILL_USAGE } from './commands/bill.js';
import { eventCommand, USAGE as EVENT_USAGE } from './commands/event.js';
import { startDev, USAGE as DEV_USAGE } from './commands/dev.js';
import { fireCommand, USAGE as FIRE_USAGE } from './commands/fire.js';
import { dlqCommand, USAGE as DLQ_USAGE } from './commands/dlq.js';

/** Each command's own usage (the one its usage errors print), the command names padded to line up. */
const HELP = `lambkin: run AWS Lambda handlers locally, as AWS runs them

${[DEV_USAGE, INVOKE_USAGE, LIST_USAGE, FIRE_USAGE, DLQ_USAGE, BILL_USAGE, EVENT_USAGE]
  .flatMap((usage) => usage.split('\n'))
  .map((line) => `  ${line.trim().replace(/^lambkin (\S+) /, (_, name: string) => `lambkin ${name.padEnd(6)} `)}\n`)
  .join('')}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'invoke':
      return invokeCommand(rest);
    case 'list':
      return listCommand(rest);
    case 'fire':
      return fireCommand(rest);
    case 'dlq':
      return dlqCommand(rest);
    case 'bill':
      return billCommand(rest);
    case 'event':
      return eventCommand(rest);
    case 'dev': {
      const lk = await startDev(rest);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await lk.stop();
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`lambkin: unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof LambkinError && err.isUserError()) {
      process.stderr.write(`lambkin: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`lambkin: internal error: ${errorDetail(err)}\n`);
      process.exitCode = 70;
    }
  },
);

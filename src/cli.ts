/**
 * The command line: argv -> command -> exit code. The only module that exits the process
 * or handles signals. Exit codes: 0 success, 1 a function failed, 2 usage or config error.
 */
import { LambkinError } from './errors.js';
import { invokeCommand } from './commands/invoke.js';
import { listCommand } from './commands/list.js';
import { billCommand } from './commands/bill.js';
import { eventCommand } from './commands/event.js';
import { startDev } from './commands/dev.js';
import { fireCommand } from './commands/fire.js';
import { dlqCommand } from './commands/dlq.js';

const HELP = `lambkin: run AWS Lambda handlers locally, as AWS runs them

  lambkin dev    [--dir .] [--port 3000] [--aws-port 3001] [--host 127.0.0.1] [--no-watch]
  lambkin invoke <function> [--event FILE | --event -] [--dir .]
  lambkin list   [--dir .]
  lambkin fire   <function> [--aws-port 3001] [--host 127.0.0.1]
  lambkin dlq    list [--dir .] [--json] | redrive [id] [--dir .] [--aws-port 3001]
  lambkin bill   [--dir .] [--json] [--memory N] [--arch arm64|x86_64] [--month YYYY-MM]
  lambkin event  <s3-put|s3-delete|http|rest|schedule> [--bucket --key --size | --method --path --body --route --header | --rule]
`;

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
      process.stderr.write(`lambkin: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    }
  },
);

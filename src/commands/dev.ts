/** `lambkin dev`: serves the project until interrupted. */
import { createLambkin, type Lambkin } from '../lambkin.js';
import { createConsoleLogger } from '../log.js';
import { parseArgs } from 'node:util';
import { withUsage } from './args.js';
import { formatFunctionList } from './list.js';

const USAGE = 'lambkin dev [--dir .] [--port 3000] [--aws-port 3001] [--host 127.0.0.1] [--no-watch]';

export async function startDev(argv: string[]): Promise<Lambkin> {
  const { values } = withUsage(USAGE, () =>
    parseArgs({
      args: argv,
      options: {
        dir: { type: 'string', default: '.' },
        port: { type: 'string' },
        'aws-port': { type: 'string' },
        host: { type: 'string' },
        'no-watch': { type: 'boolean' },
      },
    }),
  );
  const started = performance.now();
  const lk = await createLambkin({ dir: values.dir, logger: createConsoleLogger({ prefixFunctionName: true, lambdaStream: process.stdout }) });
  await lk.start();
  process.stdout.write(`lambkin ready in ${Math.round(performance.now() - started)} ms: ${lk.config.dir}\n${formatFunctionList(lk.config)}`);
  return lk;
}

/** `lambkin dev`: serves the project (API Gateway, AWS endpoint, schedules, buckets) until interrupted. */
import { parseArgs } from 'node:util';
import { startLambkin, type Lambkin } from '../lambkin.js';
import { createConsoleLogger } from '../log.js';
import { DEFAULT_AWS_PORT, DEFAULT_HOST, DEFAULT_PORT, portOption, withUsage } from './args.js';
import { formatBanner } from './banner.js';

export const USAGE = 'lambkin dev [--dir .] [--port 3000] [--aws-port 3001] [--host 127.0.0.1] [--no-watch]';

export async function startDev(argv: string[]): Promise<Lambkin> {
  const { values } = withUsage(USAGE, () =>
    parseArgs({
      args: argv,
      options: {
        dir: { type: 'string', default: '.' },
        port: { type: 'string' },
        'aws-port': { type: 'string' },
        host: { type: 'string', default: DEFAULT_HOST },
        'no-watch': { type: 'boolean', default: false },
      },
    }),
  );
  const lk = await startLambkin({
    dir: values.dir,
    logger: createConsoleLogger({ prefixFunctionName: true, lambdaStream: process.stdout }),
    port: portOption(values.port, 'port', DEFAULT_PORT),
    awsPort: portOption(values['aws-port'], 'aws-port', DEFAULT_AWS_PORT),
    host: values.host,
    watch: !values['no-watch'],
  });
  // performance.now() counts from the process's start: the wait the user actually had.
  process.stdout.write(formatBanner(lk, performance.now()));
  return lk;
}

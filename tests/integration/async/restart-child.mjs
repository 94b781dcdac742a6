// The first lambkin of the restart test: starts on the project given, queues `count` slow events
// for one-at-a-time (reserved concurrency 1), says "queued", then runs until the test kills it.
import { silentLogger, startLambkin } from '../../../dist/index.js';

const [dir, count, ms] = process.argv.slice(2);
const lk = await startLambkin({
  dir,
  logger: silentLogger,
  only: ['one-at-a-time'],
  retry: { retryDelaysMs: [20, 40], throttleBackoffMs: { initial: 10, max: 50 } },
});
for (let i = 0; i < Number(count); i += 1) await lk.invokeAsync('one-at-a-time', { id: `r${i}`, ms: Number(ms) });
process.stdout.write('queued\n');
// Stay alive whatever the queue does: only the SIGKILL ends this process.
setInterval(() => {}, 60_000);

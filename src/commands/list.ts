/** `lambkin list [--dir .]`: the functions, their triggers, memory, timeout and next schedule. */
import { loadConfig } from '../config/load.js';
import type { EventConfig } from '../config/schema.js';
import type { FunctionConfig, LambkinConfig } from '../config/types.js';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { configuredSchedules, upcomingFireTimes } from '../sources/schedule/configured.js';
import { withUsage } from './args.js';
import { nextFireNotes, scheduleKey } from './schedule-text.js';

export function describeTrigger(event: EventConfig): string {
  if ('http' in event) {
    const http = typeof event.http === 'string' ? { route: event.http, payload: '2.0' } : event.http;
    return `http ${http.route} (${(http.payload ?? '2.0') === '1.0' ? 'REST API, payload 1.0' : 'HTTP API, payload 2.0'})`;
  }
  if ('schedule' in event) {
    const s = typeof event.schedule === 'string' ? { expression: event.schedule } : event.schedule;
    return `schedule ${s.expression}`;
  }
  const r = event.s3;
  const filter = [r.prefix && `prefix ${r.prefix}`, r.suffix && `suffix ${r.suffix}`].filter(Boolean).join(', ');
  return `s3 ${r.bucket} ${r.events.join(',')}${filter ? ` (${filter})` : ''}`;
}

/** `now` is when the next schedule fire times are counted from (rate() as if `lambkin dev` started then). */
export function formatFunctionList(config: LambkinConfig, now = new Date()): string {
  const fns = [...config.functions.values()];
  if (fns.length === 0) return `no functions in ${config.dir}: add a handler module to functions/\n`;
  const notes = nextFireNotes(upcomingFireTimes(configuredSchedules(config), now, 1, now), false);
  const lines = fns.map((fn: FunctionConfig) => {
    const head = `${fn.name}  ${relative(config.dir, fn.entryFile)}  ${fn.memorySizeMb} MB  ${fn.timeoutSec} s  ${fn.architecture}  ${fn.runtime}`;
    const describe = (event: EventConfig, i: number) => [describeTrigger(event), notes.get(scheduleKey(fn.name, i))].filter(Boolean).join('  ');
    const triggers = fn.events.length === 0 ? ['(no triggers: lambkin invoke only)'] : fn.events.map(describe);
    return [head, ...triggers.map((t) => `    ${t}`)].join('\n');
  });
  return `${lines.join('\n')}\n`;
}

export const USAGE = 'lambkin list [--dir .]';

export async function listCommand(argv: string[]): Promise<number> {
  const { values } = withUsage(USAGE, () =>
    parseArgs({ args: argv, options: { dir: { type: 'string', default: '.' } } }),
  );
  process.stdout.write(formatFunctionList(await loadConfig(values.dir)));
  return 0;
}

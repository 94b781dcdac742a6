/** The one banner `lambkin dev` prints at start: where it listens, every route, every trigger. */
import { relative } from 'node:path';
import type { Lambkin } from '../lambkin.js';
import { describeTrigger } from './list.js';
import { nextFireNotes, scheduleKey } from './schedule-text.js';

export function formatBanner(lk: Lambkin, startMs: number): string {
  const lines = [`lambkin ready in ${Math.round(startMs)} ms (${lk.config.dir})`];
  if (lk.url) lines.push(`  API Gateway   ${lk.url}`);
  if (lk.awsUrl) lines.push(`  AWS endpoint  ${lk.awsUrl}  (S3, Lambda Invoke API; control under /__lambkin/)`);
  let routes = lk.http?.routes() ?? [];
  if (routes.length > 0) {
    lines.push('', 'routes:');
    const width = Math.max(...routes.map((r) => r.routeKey.length));
    routes = [...routes].sort((a, b) => a.routeKey.split(" ").at(-1)!.localeCompare(b.routeKey.split(" ").at(-1)!));
    for (const r of routes) {
      lines.push(`  ${r.routeKey.padEnd(width)}  -> ${r.functionName}  (${r.payload === '1.0' ? 'REST API, payload 1.0' : 'HTTP API, payload 2.0'})`);
    }
  }
  const notes = nextFireNotes(lk.schedules.upcoming(new Date(), 1), true);
  const others = [...lk.config.functions.values()].flatMap((fn) =>
    fn.events.flatMap((e, i) => ('http' in e ? [] : [[`  ${describeTrigger(e)}  -> ${fn.name}`, notes.get(scheduleKey(fn.name, i))].filter(Boolean).join('  ')])),
  );
  if (others.length > 0) lines.push('', 'triggers:', ...others);
  lines.push('', `functions: ${[...lk.config.functions.values()].map((f) => `${f.name} (${relative(lk.config.dir, f.entryFile)})`).join(', ') || 'none'}`, '');
  return lines.join('\n');
}

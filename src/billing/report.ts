/**
 * The platform's log lines, in CloudWatch's exact format (reference/LAMBDA.md §5.2):
 * START, END and REPORT, tab-separated, AWS's fields in AWS's order. lambkin's own
 * figures (GB-seconds, cost) come after AWS's fields, so a CloudWatch parser still reads them.
 */
import type { InvocationRecord } from '../runtime/types.js';
import { LATEST_VERSION } from '../runtime/function-environment.js';

/** Durations as the REPORT line shows them: two decimals. */
export function round2(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export function startLine(requestId: string, version = LATEST_VERSION): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** `Task timed out after 3.00 seconds`: Lambda's words, in the log line and in the error payload. */
export function timeoutMessage(timeoutSec: number): string {
  return `Task timed out after ${timeoutSec.toFixed(2)} seconds`;
}

/** `2024-05-01T12:00:03.150Z <id> Task timed out after 3.00 seconds`, then a blank line, as Lambda writes it. */
export function timeoutLines(requestId: string, timeoutSec: number, at: Date): string[] {
  return [`${at.toISOString()} ${requestId} ${timeoutMessage(timeoutSec)}`, ''];
}

export function formatGbSeconds(gbSeconds: number): string {
  return gbSeconds.toFixed(9).replace(/0+$/, '').replace(/\.$/, '.0');
}

export function formatUsd(usd: number): string {
  return `$${usd.toFixed(10)}`;
}

export function reportLine(record: InvocationRecord): string {
  const fields = [
    `REPORT RequestId: ${record.requestId}`,
    `Duration: ${record.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${record.billedDurationMs} ms`,
    `Memory Size: ${record.memorySizeMb} MB`,
    `Max Memory Used: ${record.maxMemoryUsedMb} MB`,
  ];
  if (record.initDurationMs !== undefined) fields.push(`Init Duration: ${record.initDurationMs.toFixed(2)} ms`);
  if (record.outcome === 'timeout') fields.push('Status: timeout');
  else if (record.outcome !== 'success' && record.outcome !== 'error') {
    fields.push('Status: error', `Error Type: ${record.errorType ?? 'Runtime.Unknown'}`);
  }
  fields.push(`Billed GB-seconds: ${formatGbSeconds(record.gbSeconds)}`, `Cost: ${formatUsd(record.costUsd)}`);
  return fields.join('\t');
}

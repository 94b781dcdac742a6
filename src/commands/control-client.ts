/**
 * The client side of lambkin's control calls (aws/control.ts): how `lambkin fire` and
 * `lambkin dlq` reach a running `lambkin dev` on its AWS endpoint.
 */
import { LambkinError, UsageError } from '../errors.js';
import { urlHost } from '../sources/listen.js';

export interface ControlTarget {
  host: string;
  port: number;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

// Control calls only touch files; a dev that takes longer than this is stuck, not busy.
const CONTROL_TIMEOUT_MS = 10_000;

export function describeTarget(target: ControlTarget): string {
  return `${urlHost(target.host)}:${target.port}`;
}

export function notAnswering(target: ControlTarget): string {
  return `no lambkin dev answering on ${describeTarget(target)}; start \`lambkin dev\` first`;
}

/** Calls `/__lambkin/<path>`; resolves undefined when nothing listens there (connection refused or reset). */
export async function callControl(target: ControlTarget, method: 'GET' | 'POST', path: string): Promise<ControlAnswer | undefined> {
  let response: Response;
  try {
    response = await fetch(`http://${urlHost(target.host)}:${target.port}/__lambkin/${path}`, { method, signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS) });
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') {
      throw new LambkinError('USAGE', `the lambkin dev on ${describeTarget(target)} did not answer within ${CONTROL_TIMEOUT_MS / 1000} s`);
    }
    // fetch reports every connection failure as a TypeError whose cause holds the socket error.
    return undefined;
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new UsageError(`something other than lambkin answers on ${describeTarget(target)} (HTTP ${response.status}); is --aws-port right?`);
  }
}

/** The message of a control call that failed (the control service answers `{ code, message }`). */
export function failureMessage(answer: ControlAnswer): string {
  const body = answer.body as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : `HTTP ${answer.status}`;
}

/** Command-line helpers shared by the commands. */
import { UsageError } from '../errors.js';

/** Runs a node:util parseArgs call, turning its complaints into a UsageError with the usage line. */
export function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\nusage: ${usage}`);
  }
}

/** lambkin dev's address and ports when none is given (DESIGN.md's contract). */
export { DEFAULT_HOST } from '../sources/listen.js';
export const DEFAULT_PORT = 3000;
export const DEFAULT_AWS_PORT = 3001;

export function portOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--${name} ${value}: a port is an integer from 0 to 65535`);
  return port;
}

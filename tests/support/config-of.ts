/** A resolved LambkinConfig built in memory, for tests of the parts that read config (no files, no loader). */
import type { EventConfig } from '../../src/config/schema.js';
import { DEFAULTS, type FunctionConfig, type LambkinConfig } from '../../src/config/types.js';

/** Functions by name with their events; every other field at lambkin's defaults, region eu-west-1. */
export function configOf(functions: Record<string, EventConfig[]>): LambkinConfig {
  const fn = (name: string, events: EventConfig[]): FunctionConfig => ({
    name, declared: true, handler: `functions/${name}.handler`, entryFile: `/project/functions/${name}.ts`, exportPath: 'handler',
    memorySizeMb: DEFAULTS.memorySizeMb, timeoutSec: DEFAULTS.timeoutSec, architecture: DEFAULTS.architecture, runtime: DEFAULTS.runtime,
    environment: {}, reservedConcurrency: undefined, maximumRetryAttempts: DEFAULTS.maximumRetryAttempts, maximumEventAgeSec: DEFAULTS.maximumEventAgeSec, events,
  });
  return {
    dir: '/project', configFile: '/project/lambkin.config.json', region: 'eu-west-1', accountId: DEFAULTS.accountId,
    accountConcurrency: DEFAULTS.accountConcurrency, buckets: [], functions: new Map(Object.entries(functions).map(([name, events]) => [name, fn(name, events)])),
  };
}

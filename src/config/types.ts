/** The resolved configuration: config file + discovered functions + defaults, ready to run. */
import type { Architecture } from '../runtime/types.js';
import type { EventConfig, Runtime } from './schema.js';

export interface FunctionConfig {
  name: string;
  /** Listed in lambkin.config.json (rather than only found in functions/). */
  declared: boolean;
  /** As written or defaulted, relative to the project: "functions/hello.handler". */
  handler: string;
  /** Absolute path of the handler's source module. */
  entryFile: string;
  /** Export path inside the module ("handler", or nested "a.b"). */
  exportPath: string;
  memorySizeMb: number;
  timeoutSec: number;
  architecture: Architecture;
  runtime: Runtime;
  environment: Readonly<Record<string, string>>;
  reservedConcurrency: number | undefined;
  maximumRetryAttempts: number;
  maximumEventAgeSec: number;
  events: readonly EventConfig[];
}

export interface LambkinConfig {
  /** Absolute project directory. */
  dir: string;
  /** Absolute path of lambkin.config.json, or undefined when the project has none. */
  configFile: string | undefined;
  region: string;
  accountId: string;
  accountConcurrency: number;
  buckets: readonly string[];
  functions: ReadonlyMap<string, FunctionConfig>;
}

export const DEFAULTS = {
  region: 'us-east-1',
  accountId: '123456789012',
  memorySizeMb: 128,
  timeoutSec: 3,
  architecture: 'x86_64',
  runtime: 'nodejs22.x',
  accountConcurrency: 1000,
  maximumRetryAttempts: 2,
  maximumEventAgeSec: 21600,
} as const;

export const CONFIG_FILE_NAME = 'lambkin.config.json';
export const FUNCTIONS_DIR = 'functions';

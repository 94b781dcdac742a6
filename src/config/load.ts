/**
 * Loads a project: lambkin.config.json (optional) + the modules in functions/ + defaults,
 * validated at the boundary. Every problem is collected and thrown together as one ConfigError.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { discoverFunctions, type DiscoveredFunction } from './discover.js';
import { toConfigIssues } from './issues.js';
import { readJsonFile } from './json-file.js';
import { describeCandidates, parseHandler, resolveModuleFile } from './handler-path.js';
import { configFileSchema, type ConfigFile, type FunctionFileConfig } from './schema.js';
import { CONFIG_FILE_NAME, DEFAULTS, type FunctionConfig, type LambkinConfig } from './types.js';
import { checkEnvironment } from './environment-rules.js';
import { validateEvents } from './validate-events.js';

export async function readConfigFile(dir: string): Promise<{ file: string | undefined; config: ConfigFile }> {
  const file = join(dir, CONFIG_FILE_NAME);
  if (!existsSync(file)) return { file: undefined, config: {} };
  const raw = await readJsonFile(file, CONFIG_FILE_NAME);
  const parsed = configFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ConfigError(toConfigIssues(CONFIG_FILE_NAME, configFileSchema, parsed.error.issues));
  return { file, config: parsed.data };
}

function resolveEntry(
  dir: string,
  name: string,
  fn: FunctionFileConfig,
  discovered: DiscoveredFunction | undefined,
  issues: ConfigIssue[],
): { handler: string; entryFile: string; exportPath: string } | undefined {
  if (fn.handler === undefined) {
    if (discovered) return { handler: discovered.handler, entryFile: discovered.entryFile, exportPath: 'handler' };
    issues.push({
      file: CONFIG_FILE_NAME,
      path: `functions.${name}`,
      message: `no handler: there is no ${describeCandidates(`functions/${name}`)}; add a "handler" such as "functions/${name}.handler"`,
    });
    return undefined;
  }
  const parsed = parseHandler(fn.handler);
  const path = `functions.${name}.handler`;
  if (typeof parsed === 'string') {
    issues.push({ file: CONFIG_FILE_NAME, path, message: parsed });
    return undefined;
  }
  const entryFile = resolveModuleFile(dir, parsed.modulePath);
  if (!entryFile) {
    issues.push({ file: CONFIG_FILE_NAME, path, message: `"${fn.handler}": no module file ${describeCandidates(parsed.modulePath)}` });
    return undefined;
  }
  return { handler: fn.handler, entryFile, exportPath: parsed.exportPath };
}

function resolveFunction(
  dir: string,
  name: string,
  fn: FunctionFileConfig,
  file: ConfigFile,
  discovered: DiscoveredFunction | undefined,
  issues: ConfigIssue[],
): FunctionConfig | undefined {
  const entry = resolveEntry(dir, name, fn, discovered, issues);
  if (!entry) return undefined;
  const d = file.defaults ?? {};
  const environment = { ...d.environment, ...fn.environment };
  issues.push(...checkEnvironment(environment, `functions.${name}.environment`));
  return {
    name,
    declared: file.functions?.[name] !== undefined,
    ...entry,
    memorySizeMb: fn.memory ?? d.memory ?? DEFAULTS.memorySizeMb,
    timeoutSec: fn.timeout ?? d.timeout ?? DEFAULTS.timeoutSec,
    architecture: fn.architecture ?? d.architecture ?? DEFAULTS.architecture,
    runtime: fn.runtime ?? d.runtime ?? DEFAULTS.runtime,
    environment,
    reservedConcurrency: fn.reservedConcurrency,
    maximumRetryAttempts: fn.maximumRetryAttempts ?? d.maximumRetryAttempts ?? DEFAULTS.maximumRetryAttempts,
    maximumEventAgeSec: fn.maximumEventAge ?? d.maximumEventAge ?? DEFAULTS.maximumEventAgeSec,
    events: fn.events ?? [],
  };
}

/** Loads and validates the project in `dir`. Throws ConfigError listing every problem. */
export async function loadConfig(dirInput: string): Promise<LambkinConfig> {
  const dir = resolve(dirInput);
  if (!existsSync(dir)) {
    throw new ConfigError([{ file: relative(process.cwd(), dir) || '.', path: '', message: 'the project directory does not exist' }]);
  }
  const { file, config } = await readConfigFile(dir);
  const discovered = new Map(discoverFunctions(dir).map((f) => [f.name, f]));
  const configured = config.functions ?? {};
  const names = [...new Set([...discovered.keys(), ...Object.keys(configured)])].sort();
  const issues: ConfigIssue[] = [];
  const functions = new Map<string, FunctionConfig>();
  for (const name of names) {
    const fn = resolveFunction(dir, name, configured[name] ?? {}, config, discovered.get(name), issues);
    if (fn) functions.set(name, fn);
  }
  issues.push(...checkEnvironment(config.defaults?.environment ?? {}, 'defaults.environment'));
  const resolved: LambkinConfig = {
    dir,
    configFile: file,
    region: config.region ?? DEFAULTS.region,
    accountId: DEFAULTS.accountId,
    accountConcurrency: config.accountConcurrency ?? DEFAULTS.accountConcurrency,
    buckets: config.buckets ?? [],
    functions,
  };
  issues.push(...validateEvents(resolved));
  if (issues.length > 0) throw new ConfigError(dedupe(issues));
  return resolved;
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Hot reload: decides what a change on disk means and applies it. A changed source
 * file rebuilds only the functions whose last build read it (esbuild's metafile); a changed
 * lambkin.config.json, or a handler added to or removed from functions/, reloads the
 * configuration (an invalid one is reported and the running one stays). A failed build is
 * reported once and the last good build keeps serving.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { CONFIG_FILE_NAME, FUNCTIONS_DIR, type FunctionConfig, type LambkinConfig } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import { describeDeployFailure, type Deployer } from './hot-swap.js';
import { FileWatcher } from './watcher.js';
import { stampFiles, stampsChanged, type FileStamps } from '../build/file-stamps.js';
import { isCandidateFile } from '../config/discover.js';

export interface ReloaderOptions {
  deployer: Deployer;
  logger: Logger;
  currentConfig(): LambkinConfig;
  /** Installs a new configuration everywhere else (limits, routes, schedules, buckets). */
  applyConfig(next: LambkinConfig): Promise<void>;
  debounceMs?: number;
}

/** The project's region and account, which every environment is started with (AWS_REGION, ARNs). */
function accountOf(config: LambkinConfig): string {
  return `${config.region}/${config.accountId}`;
}

/** The settings that shape a function's environments, the account among them; its triggers are the sources' business. */
function runtimeSettings(config: LambkinConfig, fn: FunctionConfig): string {
  const { events: _events, ...rest } = fn;
  return JSON.stringify({ ...rest, account: accountOf(config) });
}

export class Reloader {
  readonly #o: ReloaderOptions;
  readonly #watcher: FileWatcher;
  /** Functions with no good build yet, and their files as they were when the build failed. */
  readonly #failed = new Map<string, FileStamps>();
  #layout = '';

  constructor(options: ReloaderOptions) {
    this.#o = options;
    this.#watcher = new FileWatcher({
      debounceMs: options.debounceMs ?? 20,
      onChange: () => this.#apply(),
      onError: (err) => options.logger.error(`reload: ${err instanceof Error ? err.message : String(err)}`),
    });
  }

  /** The config file's stamp and the handler modules in functions/: a change means reloading the config. */
  async #projectLayout(): Promise<string> {
    const { dir } = this.#o.currentConfig();
    const stamp = (await stampFiles([join(dir, CONFIG_FILE_NAME)])).values().next().value;
    let entries: string[] = [];
    try {
      entries = (await readdir(join(dir, FUNCTIONS_DIR), { withFileTypes: true }))
        .filter((e) => e.isDirectory() || isCandidateFile(e.name))
        .map((e) => e.name)
        .sort();
    } catch {
      // no functions/ folder (yet)
    }
    return `${stamp}|${entries.join('/')}`;
  }

  async start(): Promise<void> {
    const { dir } = this.#o.currentConfig();
    this.#layout = await this.#projectLayout();
    const inputs = this.#o.deployer.outputs().flatMap((o) => o.inputs);
    await this.#watcher.start([join(dir, CONFIG_FILE_NAME), join(dir, FUNCTIONS_DIR), ...this.#entryFiles(), ...inputs]);
  }

  stop(): Promise<void> {
    return this.#watcher.stop();
  }

  #entryFiles(): string[] {
    return [...this.#o.currentConfig().functions.values()].map((f) => f.entryFile);
  }

  /** The watcher only says "look": what changed is read from the disk (stamps, the project layout). */
  async #apply(): Promise<void> {
    const started = performance.now();
    const config = this.#o.currentConfig();
    const layout = await this.#projectLayout();
    let next = config;
    if (layout !== this.#layout) {
      this.#layout = layout;
      try {
        next = await loadConfig(config.dir);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        this.#o.logger.error(`configuration change not applied; the running configuration stays:\n${err.message}`);
      }
    }
    const rebuild = await this.#functionsToRebuild(config, next);
    for (const name of config.functions.keys()) {
      if (!next.functions.has(name)) this.#o.deployer.remove(name);
    }
    // The config usually applies once the functions it names are deployed, so that a new route
    // finds its function. A new region (or account) applies first: an environment started during
    // the rebuilds would otherwise keep the old AWS_REGION for its whole life.
    const accountChanged = accountOf(next) !== accountOf(config);
    if (accountChanged) await this.#o.applyConfig(next);
    const results = await Promise.all(rebuild.map((fn) => this.#rebuild(fn)));
    if (next !== config && !accountChanged) await this.#o.applyConfig(next);
    const built = rebuild.filter((_, i) => results[i]).map((f) => f.name);
    const removed = [...config.functions.keys()].filter((n) => !next.functions.has(n));
    if (built.length + removed.length > 0 || next !== config) {
      const parts = [built.length ? `reloaded ${built.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : '', next !== config ? 'configuration applied' : ''];
      this.#o.logger.info(`${parts.filter(Boolean).join('; ')} in ${Math.round(performance.now() - started)} ms`);
    }
  }

  /** New functions, changed settings, and functions whose sources differ from their last build. */
  async #functionsToRebuild(before: LambkinConfig, after: LambkinConfig): Promise<FunctionConfig[]> {
    const fns = [...after.functions.values()];
    const needed = await Promise.all(
      fns.map(async (fn) => {
        const previous = before.functions.get(fn.name);
        if (!previous || !this.#o.deployer.isDeployed(fn.name)) return !this.#failed.has(fn.name) || (await this.#failedSourcesChanged(fn));
        if (runtimeSettings(before, previous) !== runtimeSettings(after, fn)) return true;
        return this.#o.deployer.sourcesChanged(fn.name);
      }),
    );
    return fns.filter((_, i) => needed[i]);
  }

  /** A function whose build failed is retried only once one of its files changes. */
  async #failedSourcesChanged(fn: FunctionConfig): Promise<boolean> {
    const stamps = this.#failed.get(fn.name);
    return stamps === undefined || stampsChanged(stamps);
  }

  /** Builds and swaps one function; a failure is reported and changes nothing. */
  async #rebuild(fn: FunctionConfig): Promise<boolean> {
    const before = await stampFiles([fn.entryFile]);
    try {
      const output = await this.#o.deployer.deploy(fn);
      this.#failed.delete(fn.name);
      this.#watcher.add(output.inputs);
      return true;
    } catch (err) {
      const failure = describeDeployFailure(fn, err);
      if (!this.#o.deployer.isDeployed(fn.name)) this.#failed.set(fn.name, before);
      this.#watcher.add([fn.entryFile]);
      if (failure.level === 'warn') this.#o.logger.warn(failure.text);
      else this.#o.logger.error(`${failure.text}\n(${fn.name} keeps serving its last good build${this.#o.deployer.isDeployed(fn.name) ? '' : ': none yet'})`);
      return false;
    }
  }
}

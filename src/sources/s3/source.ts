/**
 * The S3 event source: creates the configured buckets, watches the bucket folders, and turns
 * each change on the store's feed into the S3 event of every function whose rule matches
 * (ruleMatches: bucket, event type, prefix, suffix). Delivery is asynchronous, through the
 * durable queue; the event is on disk before the write that caused it is answered.
 */
import type { LambkinConfig } from '../../config/types.js';
import type { Logger } from '../../log.js';
import type { EventSource } from '../source.js';
import { ruleMatches, type FunctionNotificationRule } from './notification-rules.js';
import type { ObjectStore } from './store.js';
import { toS3Event, type ObjectChange } from './to-event.js';
import { BucketWatcher, type WatchSettings } from './watcher.js';

export interface NotificationTarget extends FunctionNotificationRule {
  /** `s3.configurationId` in the event: the function's name, numbered when it has several rules. */
  configurationId: string;
}

/** Every function's s3 rules, in config order. */
export function notificationTargets(config: LambkinConfig): NotificationTarget[] {
  const targets: NotificationTarget[] = [];
  for (const fn of config.functions.values()) {
    const rules = fn.events.flatMap((event) => ('s3' in event ? [event.s3] : []));
    rules.forEach((rule, i) => {
      targets.push({ ...rule, functionName: fn.name, configurationId: rules.length === 1 ? fn.name : `${fn.name}-${i + 1}` });
    });
  }
  return targets;
}

export interface S3SourceOptions {
  store: ObjectStore;
  logger: Logger;
  /** Accepts an asynchronous invocation (the async queue's enqueue, source 's3'). */
  enqueue(functionName: string, event: unknown): Promise<string>;
  watch?: WatchSettings;
}

export class S3Source implements EventSource {
  readonly kind = 's3' as const;
  readonly #o: S3SourceOptions;
  readonly #watcher: BucketWatcher;
  #config: LambkinConfig;
  #targets: NotificationTarget[];
  readonly #unsubscribe: Array<() => void> = [];

  constructor(config: LambkinConfig, options: S3SourceOptions) {
    this.#o = options;
    this.#config = config;
    this.#targets = notificationTargets(config);
    this.#watcher = new BucketWatcher(options.store, options.logger, options.watch);
  }

  async start(): Promise<void> {
    const { store } = this.#o;
    this.#unsubscribe.push(store.onChange((change) => this.#notify(change)));
    // The watcher needs the buckets folder; a project without one gets it with its first bucket.
    this.#unsubscribe.push(store.buckets.onCreated(() => {
      if (!this.#watcher.running) this.#watcher.start().catch((err: unknown) => this.#o.logger.error(`s3: cannot watch ${store.bucketsDir}: ${String(err)}`));
    }));
    await store.buckets.ensure(this.#config.buckets);
    await this.#watcher.start();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.#watcher.stop();
  }

  async update(config: LambkinConfig): Promise<void> {
    this.#config = config;
    this.#targets = notificationTargets(config);
    await this.#o.store.buckets.ensure(config.buckets);
  }

  async #notify(change: ObjectChange): Promise<void> {
    for (const target of this.#targets) {
      if (!ruleMatches(target, change)) continue;
      const event = toS3Event(change, { region: this.#config.region, configurationId: target.configurationId });
      try {
        await this.#o.enqueue(target.functionName, event);
        this.#o.logger.info(`s3: ${change.eventName} s3://${change.bucket}/${change.key} -> ${target.functionName}`);
      } catch (err) {
        this.#o.logger.error(`s3: could not queue ${change.eventName} s3://${change.bucket}/${change.key} for ${target.functionName}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

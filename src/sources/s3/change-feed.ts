/**
 * The store's change feed: each object change as the `ObjectChange` S3 notifications are built
 * from, with a sequencer that grows per bucket, handed to every listener in turn. Listeners are
 * awaited, so the write that caused a change is answered once they are done.
 */
import type { Logger } from '../../log.js';
import { newRequestId } from './object-io.js';
import type { PresentMeta } from './object-meta.js';
import { nextSequencer } from './sequencer.js';
import type { ObjectChange, ObjectCreatedEventName } from './to-event.js';

/** Who asked for a change: the S3 request's id and client address. */
export interface RequestContext {
  requestId: string;
  sourceIp: string;
}

/** A change made by hand in a bucket folder: no request, so a fresh id, from this machine. */
export const byHand = (): RequestContext => ({ requestId: newRequestId(), sourceIp: '127.0.0.1' });

export type ChangeListener = (change: ObjectChange) => void | Promise<void>;

export class ChangeFeed {
  readonly #listeners = new Set<ChangeListener>();
  readonly #sequencers = new Map<string, string>();
  readonly #logger: Logger;
  readonly #now: () => number;

  constructor(logger: Logger, now: () => number) {
    this.#logger = logger;
    this.#now = now;
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The change for a created object (meta) or a removed one (undefined); call under the bucket's lock. */
  change(bucket: string, key: string, created: { meta: PresentMeta; eventName: ObjectCreatedEventName } | undefined, ctx: RequestContext): ObjectChange {
    const time = new Date(this.#now());
    const sequencer = nextSequencer(this.#sequencers.get(bucket), time);
    this.#sequencers.set(bucket, sequencer);
    const base = { bucket, key, sequencer, time, sourceIp: ctx.sourceIp, requestId: ctx.requestId };
    return created
      ? { ...base, kind: 'created', eventName: created.eventName, size: created.meta.size, eTag: created.meta.eTag }
      : { ...base, kind: 'removed', eventName: 'ObjectRemoved:Delete' };
  }

  async emit(change: ObjectChange | undefined): Promise<void> {
    if (change === undefined) return;
    for (const listener of this.#listeners) {
      try {
        await listener(change);
      } catch (err) {
        this.#logger.error(`s3: a listener failed on ${change.eventName} s3://${change.bucket}/${change.key}: ${String(err)}`);
      }
    }
  }
}

/** What every event source is to the composition root: something to start, stop and re-configure. */
import type { LambkinConfig } from '../config/types.js';
import type { SourceKind } from '../runtime/types.js';

export interface EventSource {
  readonly kind: SourceKind;
  start(): Promise<void>;
  /** Idempotent. */
  stop(): Promise<void>;
  /** Re-route or re-schedule after a config change, without a restart. */
  update?(config: LambkinConfig): Promise<void>;
}

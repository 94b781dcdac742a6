/**
 * Redrive without a running lambkin: dead letters go back to .lambkin/queue/ with fresh attempts,
 * where the next `lambkin dev` finds and delivers them (AsyncQueue.start loads that folder).
 * Used by `lambkin dlq redrive` when no `dev` of the project answers.
 */
import { InvokeError } from '../errors.js';
import { EventStore, deadLetterDir, newQueuedEvent, queueDir, type DeadLetter, type QueuedEvent } from './event-store.js';

export interface RequeueOptions {
  /** One dead letter by id; absent: all of them. */
  id?: string | undefined;
  nowMs?: number;
  onUnreadable?: (file: string, err: unknown) => void;
}

/** Moves dead letters back to the queue; resolves with how many. An unknown id is refused. */
export async function requeueDeadLetters(projectDir: string, options: RequeueOptions = {}): Promise<number> {
  const dlq = new EventStore<DeadLetter>(deadLetterDir(projectDir));
  const queue = new EventStore<QueuedEvent>(queueDir(projectDir));
  const { id } = options;
  const letters = id === undefined ? await dlq.list(options.onUnreadable ?? (() => {})) : [await dlq.get(id)].filter((d): d is DeadLetter => d !== undefined);
  if (id !== undefined && letters.length === 0) throw new InvokeError('FUNCTION_NOT_FOUND', `no dead letter with id ${id} in ${dlq.dir}`);
  for (const letter of letters) {
    // Queued before it leaves the dead letters: a kill in between sends it twice, never loses it.
    await queue.put(newQueuedEvent(letter.functionName, letter.event, letter.source, options.nowMs ?? Date.now()));
    await dlq.remove(letter.id);
  }
  return letters.length;
}

/** Every dead letter of the project, oldest failure first. */
export async function readDeadLetters(projectDir: string, onUnreadable: (file: string, err: unknown) => void): Promise<DeadLetter[]> {
  const letters = await new EventStore<DeadLetter>(deadLetterDir(projectDir)).list(onUnreadable);
  return letters.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
}

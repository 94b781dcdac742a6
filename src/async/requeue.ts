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
  return redriveDeadLetters(dlq, {
    id: options.id,
    listAll: () => dlq.list(options.onUnreadable ?? (() => {})),
    unknownId: (id) => `no dead letter with id ${id} in ${dlq.dir}`,
    requeue: (letter) => queue.put(newQueuedEvent(letter.functionName, letter.event, letter.source, options.nowMs ?? Date.now())),
  });
}

export interface RedriveSteps {
  /** One dead letter by id; absent: every one `listAll` gives, in its order. */
  id: string | undefined;
  listAll(): Promise<DeadLetter[]>;
  /** The message refusing an id with no dead letter. */
  unknownId(id: string): string;
  /** Puts the letter's event back on the queue with fresh attempts. */
  requeue(letter: DeadLetter): Promise<unknown>;
}

/**
 * The one redrive loop (AsyncQueue.redrive and `lambkin dlq redrive` without a running dev):
 * selects the letters, refuses an unknown id, and moves each back; resolves with how many.
 */
export async function redriveDeadLetters(dlq: EventStore<DeadLetter>, steps: RedriveSteps): Promise<number> {
  const { id } = steps;
  const letters = id === undefined ? await steps.listAll() : [await dlq.get(id)].filter((d): d is DeadLetter => d !== undefined);
  if (id !== undefined && letters.length === 0) throw new InvokeError('FUNCTION_NOT_FOUND', steps.unknownId(id));
  for (const letter of letters) {
    // Queued before it leaves the dead letters: a kill in between sends it twice, never loses it.
    await steps.requeue(letter);
    await dlq.remove(letter.id);
  }
  return letters.length;
}

/** Every dead letter of the project, oldest failure first. */
export async function readDeadLetters(projectDir: string, onUnreadable: (file: string, err: unknown) => void): Promise<DeadLetter[]> {
  const letters = await new EventStore<DeadLetter>(deadLetterDir(projectDir)).list(onUnreadable);
  return letters.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
}

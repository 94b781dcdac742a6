/**
 * The first environment's worker, booted by the `lambkin` bin before it loads the CLI bundle:
 * the worker boots (~60 ms here) on one core while the bundle loads on the other, so a start
 * no longer waits for both in turn. It is made for Lambda's default memory size and handed to
 * the WorkerLauncher that asks for that size first; one that nobody takes is ended.
 *
 * The bin and the bundle are separate modules, so the worker waits in a global slot.
 */
import type { BootedWorker } from './worker-launcher.js';

/** Lambda's (and lambkin's) default memory size: the size most functions use. */
export const PREBOOT_MEMORY_MB = 128;

const SLOT = Symbol.for('lambkin.prebootedWorker');

export interface PrebootedWorker {
  memorySizeMb: number;
  booted: Promise<BootedWorker>;
  /** Settles when the worker thread ends. */
  exited: Promise<void>;
}

type Slot = { [SLOT]?: PrebootedWorker | undefined };

/** Starts booting the worker (the bin calls this). */
export function preboot(spawn: (memorySizeMb: number, onExit: () => void) => Promise<BootedWorker>): void {
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  const booted = spawn(PREBOOT_MEMORY_MB, exit);
  // Until a launcher takes it, the worker must not keep the process alive (a command that
  // fails on its config exits as usual).
  void booted.then(
    ({ worker }) => {
      if ((globalThis as Slot)[SLOT]?.booted === booted) worker.unref();
    },
    // A failed preboot is only a lost head start: it leaves the slot, and the launcher that
    // would have taken it boots its own worker and reports that one's failure if it fails too.
    // (A launcher that took it already handles the rejection as it would any spare's.)
    () => {
      if ((globalThis as Slot)[SLOT]?.booted === booted) (globalThis as Slot)[SLOT] = undefined;
    },
  );
  (globalThis as Slot)[SLOT] = { memorySizeMb: PREBOOT_MEMORY_MB, booted, exited };
}

/** The prebooted worker, if there is one of this memory size; the caller owns it from now on. */
export function takePrebooted(memorySizeMb: number): PrebootedWorker | undefined {
  const slot = globalThis as Slot;
  const prebooted = slot[SLOT];
  if (!prebooted || prebooted.memorySizeMb !== memorySizeMb) return undefined;
  slot[SLOT] = undefined;
  // Taken: from now on it lives like any other environment's worker.
  const booted = prebooted.booted.then((b) => {
    b.worker.ref();
    return b;
  });
  return { ...prebooted, booted };
}

/** Ends a prebooted worker that no launcher took (no function of its memory size). */
export function discardPrebooted(): void {
  const slot = globalThis as Slot;
  const prebooted = slot[SLOT];
  slot[SLOT] = undefined;
  // Unref'd already, so it cannot hold the process; a worker that failed to boot has nothing to end.
  prebooted?.booted.then(({ worker }) => worker.terminate()).catch(() => undefined);
}

/** Copies a fixture project into a fresh temporary directory for one test file. */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');

export interface FixtureProject {
  dir: string;
  remove(): void;
}

export function copyFixture(name: string): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), `lambkin-${name}-`));
  cpSync(join(REPO, 'tests', 'fixtures', name), dir, { recursive: true, filter: (src) => !src.includes('.lambkin') });
  // Handlers resolve their npm packages from the project, as in a user's project.
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Polls `check` until it returns a value or the deadline passes; no guessing sleeps. `what` names
 * what is awaited; a function is called only on timeout, so it can report the state at that time.
 */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string | (() => string), timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

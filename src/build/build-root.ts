/**
 * Each running lambkin builds into its own .lambkin/build/<pid>/, so a `lambkin invoke` next to
 * a running `lambkin dev` never deletes the other's modules. Folders of processes that are gone
 * (killed, crashed) are removed when the next lambkin starts.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function claimBuildRoot(projectDir: string): Promise<string> {
  const parent = join(projectDir, '.lambkin', 'build');
  await mkdir(parent, { recursive: true });
  for (const name of await readdir(parent)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || (pid !== process.pid && !isRunning(pid))) {
      await rm(join(parent, name), { recursive: true, force: true });
    }
  }
  const own = join(parent, String(process.pid));
  await rm(own, { recursive: true, force: true });
  await mkdir(own, { recursive: true });
  return own;
}

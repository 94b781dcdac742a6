/**
 * What a build read, as it was: each input's mtime and size. A watcher event only says
 * "look"; comparing stamps with the disk says which functions really changed, so an event
 * chokidar reports oddly (an atomic save seen as unlink + add of a temporary file) can
 * neither miss a change nor rebuild what did not change.
 */
import { stat } from 'node:fs/promises';

export type FileStamps = ReadonlyMap<string, string>;

async function stampOf(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

export async function stampFiles(paths: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(paths)];
  const stamps = await Promise.all(unique.map(stampOf));
  return new Map(unique.map((p, i) => [p, stamps[i]!]));
}

export async function stampsChanged(stamps: FileStamps): Promise<boolean> {
  const now = await stampFiles(stamps.keys());
  for (const [path, stamp] of stamps) if (now.get(path) !== stamp) return true;
  return false;
}

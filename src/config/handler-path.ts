/**
 * Handler strings ("functions/hello.handler") and the files behind them, resolved the way
 * AWS's Node.js runtime does it: split at the first dot of the basename, no "..".
 */
import { existsSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Extensions lambkin compiles, in the order a module path is tried. */
export const HANDLER_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

export interface ParsedHandler {
  modulePath: string;
  exportPath: string;
}

/** Returns the parsed handler, or the reason it is malformed (AWS's Runtime.MalformedHandlerName rules). */
export function parseHandler(handler: string): ParsedHandler | string {
  if (handler.split('/').includes('..')) {
    return `'${handler}' is not a valid handler name: it must stay inside the project (no '..')`;
  }
  const dir = posix.dirname(handler);
  const base = posix.basename(handler);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match || match[1] === '' || match[2] === '') {
    return `'${handler}' is not a valid handler name: use "<module path>.<export>", e.g. "functions/hello.handler"`;
  }
  return { modulePath: dir === '.' ? match[1]! : `${dir}/${match[1]!}`, exportPath: match[2]! };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The module file for a module path: `<path>.<ext>` or `<path>/index.<ext>`. */
export function resolveModuleFile(projectDir: string, modulePath: string): string | undefined {
  for (const ext of HANDLER_EXTENSIONS) {
    const file = join(projectDir, modulePath + ext);
    if (isFile(file)) return file;
  }
  for (const ext of HANDLER_EXTENSIONS) {
    const file = join(projectDir, modulePath, `index${ext}`);
    if (isFile(file)) return file;
  }
  return undefined;
}

export function describeCandidates(modulePath: string): string {
  const exts = HANDLER_EXTENSIONS.map((e) => e.slice(1)).join(',');
  return `${modulePath}.{${exts}} or ${modulePath}/index.{${exts}}`;
}

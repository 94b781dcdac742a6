/**
 * Finds the functions of a project without configuration: every module directly in
 * functions/ and every folder there with an index module is a function of that name.
 */
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { HANDLER_EXTENSIONS, resolveModuleFile } from './handler-path.js';
import { FUNCTIONS_DIR } from './types.js';

export interface DiscoveredFunction {
  name: string;
  entryFile: string;
  /** The default handler string for it: "functions/<name>.handler". */
  handler: string;
}

const EXTENSIONS: ReadonlySet<string> = new Set(HANDLER_EXTENSIONS);

export function isCandidateFile(file: string): boolean {
  // Type declarations and test files sit beside handlers but are never handlers.
  return EXTENSIONS.has(extname(file)) && !/\.d\.[mc]?ts$/.test(file) && !/\.(test|spec)\.[mc]?[jt]s$/.test(file);
}

export function discoverFunctions(projectDir: string): DiscoveredFunction[] {
  const root = join(projectDir, FUNCTIONS_DIR);
  if (!existsSync(root)) return [];
  const found = new Map<string, DiscoveredFunction>();
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    if (entry.isFile() && isCandidateFile(entry.name)) {
      const name = entry.name.slice(0, -extname(entry.name).length);
      // hello.ts beside hello.js: the extension order of HANDLER_EXTENSIONS decides, as for handler strings.
      const entryFile = resolveModuleFile(root, name) ?? join(root, entry.name);
      found.set(name, { name, entryFile, handler: `${FUNCTIONS_DIR}/${name}.handler` });
    } else if (entry.isDirectory()) {
      const entryFile = resolveModuleFile(root, `${entry.name}/index`);
      if (entryFile) found.set(entry.name, { name: entry.name, entryFile, handler: `${FUNCTIONS_DIR}/${entry.name}/index.handler` });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

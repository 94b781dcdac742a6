/**
 * Compiles one function's handler with esbuild into .lambkin/build/<pid>/<fn>/<generation>/,
 * as an ES module with a source map (stack traces then name the user's .ts file) and a
 * metafile (the files it read, for hot reload). Dependencies in node_modules stay
 * external: they load from the project at run time, native addons included.
 */
import type { Message } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { BuildCache } from './build-cache.js';
import { stampFiles, type FileStamps } from './file-stamps.js';
import { BuildError, ConfigError } from '../errors.js';
import type { FunctionConfig } from '../config/types.js';
import { CONFIG_FILE_NAME, FUNCTIONS_DIR } from '../config/types.js';

/**
 * esbuild's version keys the build cache; its package.json tells it without loading esbuild,
 * which takes ~45 ms that a start served from the cache never needs.
 */
let esbuildVersion: string | undefined;
function installedEsbuildVersion(functionName: string): string {
  try {
    esbuildVersion ??= (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;
  } catch (err) {
    throw new BuildError(functionName, `lambkin cannot build '${functionName}': esbuild, a dependency of lambkin, is not installed (${String(err)}); run npm install`, { cause: err });
  }
  return esbuildVersion;
}

export interface BuildOutput {
  generation: number;
  /** Absolute path of the compiled module a worker imports. */
  outFile: string;
  /** Absolute paths of every project file the build read. */
  inputs: string[];
  /** Each input's stamp as it was when the build read it (hot reload compares them). */
  stamps: FileStamps;
  /** Taken from the build cache rather than built. */
  cached: boolean;
  /** Things that went wrong without failing the build (the cache could not be written). */
  warnings: string[];
}

/** esbuild writes source map paths relative to the map; absolute ones let a cached build move. */
async function absoluteSourceMap(mapFile: string): Promise<void> {
  const map = JSON.parse(await readFile(mapFile, 'utf8')) as { sources?: string[] };
  map.sources = (map.sources ?? []).map((s) => resolve(dirname(mapFile), s));
  await writeFile(mapFile, JSON.stringify(map));
}

/** Where one generation of a function is written, under this process's build root. */
export function buildDir(buildRoot: string, functionName: string, generation: number): string {
  return join(buildRoot, functionName, String(generation));
}

function formatMessage(projectDir: string, m: Message): string {
  const loc = m.location;
  if (!loc) return m.text;
  const file = relative(projectDir, resolve(projectDir, loc.file)) || loc.file;
  const code = loc.lineText.trim() === '' ? '' : `\n    ${loc.lineText}`;
  return `${file}:${loc.line}:${loc.column + 1}: ${m.text}${code}`;
}

export async function compileFunction(
  projectDir: string,
  buildRoot: string,
  fn: FunctionConfig,
  generation: number,
  cache: BuildCache = new BuildCache(projectDir),
): Promise<BuildOutput> {
  const outdir = buildDir(buildRoot, fn.name, generation);
  const outFile = join(outdir, 'index.mjs');
  const target = `node${process.versions.node.split('.')[0] ?? '20'}`;
  const key = BuildCache.keyOf({ entry: fn.entryFile, target, esbuild: installedEsbuildVersion(fn.name), layout: '1' });
  await mkdir(outdir, { recursive: true });
  const cached = await cache.restore(fn.name, key, outdir);
  if (cached) {
    if (cached.esm) assertExport(fn, cached.exports, projectDir);
    const stamps = new Map(Object.entries(cached.stamps));
    return { generation, outFile, inputs: cached.inputs, stamps, cached: true, warnings: [] };
  }
  // Stamped before the build: a save during it then still counts as a change afterwards.
  const known = await stampFiles([fn.entryFile, ...(await cache.lastInputs(fn.name))]);
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fn.entryFile],
      outfile: outFile,
      absWorkingDir: projectDir,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target,
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      keepNames: true,
    });
    await absoluteSourceMap(`${outFile}.map`);
    const output = result.metafile.outputs[relative(projectDir, outFile).split('\\').join('/')];
    const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(projectDir, p));
    const entryInput = result.metafile.inputs[relative(projectDir, fn.entryFile).split('\\').join('/')];
    // A CommonJS entry's exports are known only when it runs.
    const esm = entryInput?.format === 'esm';
    const exportsList = output?.exports ?? [];
    if (esm) assertExport(fn, exportsList, projectDir);
    const discovered = await stampFiles(inputs.filter((p) => !known.has(p)));
    const stamps = new Map(inputs.map((p) => [p, known.get(p) ?? discovered.get(p) ?? 'missing']));
    const warnings: string[] = [];
    await cache.save(fn.name, outdir, { key, inputs, stamps: Object.fromEntries(stamps), esm, exports: [...exportsList] }).catch((err: unknown) => {
      warnings.push(`could not keep the build of ${fn.name} in .lambkin/cache (${String(err)}); it is built again next time`);
    });
    return { generation, outFile, inputs, stamps, cached: false, warnings };
  } catch (err) {
    await rm(outdir, { recursive: true, force: true });
    if (err instanceof ConfigError) throw err;
    const errors = (err as { errors?: Message[] }).errors;
    const text = errors?.length ? errors.map((m) => formatMessage(projectDir, m)).join('\n') : String(err);
    throw new BuildError(fn.name, `build of function '${fn.name}' failed:\n${text}`, { cause: err });
  }
}

function assertExport(fn: FunctionConfig, exportsList: readonly string[], projectDir: string): void {
  const top = fn.exportPath.split('.')[0] ?? fn.exportPath;
  if (exportsList.includes(top)) return;
  const file = relative(projectDir, fn.entryFile);
  const found = exportsList.length ? `it exports ${exportsList.map((e) => `'${e}'`).join(', ')}` : 'it has no exports';
  const exportIt = `export it, e.g. "export const ${top} = async (event, context) => ..."`;
  if (fn.declared) {
    throw new ConfigError([{ file: CONFIG_FILE_NAME, path: `functions.${fn.name}.handler`, message: `${file} has no export '${top}' (${found}); ${exportIt}, or name another export in "handler"` }]);
  }
  // Found in functions/ by discover.ts, which skips names starting with "_": the file's, or the folder's for <name>/index.
  const inFolder = dirname(relative(join(projectDir, FUNCTIONS_DIR), fn.entryFile)) !== '.';
  throw new ConfigError([{
    file,
    path: '',
    message: `has no export '${top}' (${found}); ${exportIt}, or declare another export as functions.${fn.name}.handler in ${CONFIG_FILE_NAME}; if it is a helper, start its ${inFolder ? 'folder' : 'file'} name with "_"`,
  }]);
}

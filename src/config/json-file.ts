/** Reads a JSON file and reports a syntax error with its line and column. */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 says "... at position N" (and from Node 20.? also "(line L column C)").
    const pos = /position (\d+)/.exec(message);
    const where = pos ? lineAndColumn(text, Number(pos[1])) : undefined;
    const reason = message.replace(/^.*?JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '');
    const at = where ? `line ${where.line}, column ${where.column}: ` : '';
    throw new ConfigError([{ file, path: '', message: `${at}invalid JSON: ${reason}` }]);
  }
}

export async function readJsonFile(path: string, displayName: string): Promise<unknown> {
  return parseJsonText(await readFile(path, 'utf8'), displayName);
}

/**
 * Turns zod's validation issues into messages a user can act on: the JSON path of
 * the field, what was found and what is allowed ("functions.hello.timeout: 901 is
 * above the 900 s maximum").
 */
import type * as z from 'zod/mini';
import type { ConfigIssue } from '../errors.js';

const UNITS: Record<string, string> = { memory: ' MB', timeout: ' s', maximumEventAge: ' s' };

export function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
}

function describeIssue(issue: z.core.$ZodIssue, allowedKeys: (path: readonly PropertyKey[]) => string[]): string {
  const field = String(issue.path.at(-1) ?? '');
  const unit = UNITS[field] ?? '';
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'too_big':
      return `${show(input)} is above the ${String(issue.maximum)}${unit} maximum`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`
        : `${show(input)} is below the ${String(issue.minimum)}${unit} minimum`;
    case 'invalid_type':
      if (input === undefined) return `is required (${issue.expected})`;
      return issue.expected === 'int'
        ? `${show(input)} is not a whole number${unit ? ` of${unit}` : ''}`
        : `expected ${issue.expected}, got ${show(input)}`;
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.path);
      const keys = issue.keys.map((k) => `'${k}'`).join(', ');
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'invalid_value':
      return `${show(input)} is not allowed (allowed: ${issue.values.map((v) => show(v)).join(', ')})`;
    // The schema's regex checks carry their rule in words as the message.
    case 'invalid_format':
      return `${show(input)} is not valid: ${issue.message}`;
    case 'invalid_key':
      return `the key ${show(input)} is not valid: ${issue.issues[0]?.message ?? issue.message}`;
    case 'invalid_union':
      return `${show(input)} does not match any allowed form`;
    default:
      return issue.message;
  }
}

/** Walks a zod schema along a path to list the keys an object there may have. */
function keysAt(schema: z.ZodMiniType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const part of path) {
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (def['type'] === 'optional') node = def['innerType'];
    const cur = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (cur['type'] === 'object') node = (cur['shape'] as Record<string, unknown>)[String(part)];
    else if (cur['type'] === 'record') node = cur['valueType'];
    else if (cur['type'] === 'array') node = cur['element'];
    else return [];
  }
  let def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (def?.['type'] === 'optional') def = (def['innerType'] as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def?.['type'] === 'object' ? Object.keys(def['shape'] as object) : [];
}

export function toConfigIssues(file: string, schema: z.ZodMiniType, issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  return issues.map((issue) => ({
    file,
    path: jsonPath(issue.path),
    message: describeIssue(issue, (p) => keysAt(schema, p)),
  }));
}

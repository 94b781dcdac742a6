/**
 * Route keys as API Gateway writes them (`GET /users/{id}`, `ANY /{proxy+}`, `$default`):
 * parsing, validation with a message a user can act on, and the parsed shape routes.ts matches.
 */
import { LambkinError } from '../../errors.js';

export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export type RouteSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

export type ParsedRouteKey =
  | { readonly kind: 'default'; readonly routeKey: '$default' }
  | {
      readonly kind: 'route';
      readonly routeKey: string;
      readonly method: RouteMethod;
      /** The path template, e.g. `/pets/{petId}`. */
      readonly path: string;
      /** Path segments after the leading `/`; empty for the root `/`. */
      readonly segments: readonly RouteSegment[];
    };

export const DEFAULT_ROUTE_KEY = '$default';

/** A route key that API Gateway would refuse. `reason` completes "invalid route key "...": ". */
export class RouteKeyError extends LambkinError {
  readonly routeKey: string;
  readonly reason: string;
  constructor(routeKey: string, reason: string) {
    super('CONFIG_INVALID', `invalid route key ${JSON.stringify(routeKey)}: ${reason}`);
    this.routeKey = routeKey;
    this.reason = reason;
  }
}

const EXAMPLE = 'a route key is a method and a path, like "GET /users/{id}", or "$default"';
const PARAM_SEGMENT = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;

/** Parses and validates a route key; throws RouteKeyError naming what is wrong. */
export function parseRouteKey(routeKey: string): ParsedRouteKey {
  const fail = (reason: string): never => {
    throw new RouteKeyError(routeKey, reason);
  };
  if (routeKey === DEFAULT_ROUTE_KEY) return { kind: 'default', routeKey: DEFAULT_ROUTE_KEY };
  if (routeKey.trim() === '') fail(`it is empty; ${EXAMPLE}`);
  if (routeKey.trim() !== routeKey) fail('it has leading or trailing whitespace');
  if (routeKey.startsWith('$')) fail('"$default" is the only route key that starts with "$"');
  const parts = routeKey.split(' ');
  if (parts.length !== 2) fail(`${EXAMPLE}, separated by exactly one space`);
  const [method = '', path = ''] = parts;
  return { kind: 'route', routeKey, method: parseMethod(method, fail), path, segments: parsePath(path, fail) };
}

/** True when the key parses; for callers that only need a yes/no. */
export function isValidRouteKey(routeKey: string): boolean {
  try {
    parseRouteKey(routeKey);
    return true;
  } catch (error) {
    if (error instanceof RouteKeyError) return false;
    throw error;
  }
}

function parseMethod(method: string, fail: (reason: string) => never): RouteMethod {
  const known = ROUTE_METHODS.find((m) => m === method);
  if (known !== undefined) return known;
  const upper = ROUTE_METHODS.find((m) => m === method.toUpperCase());
  if (upper !== undefined) return fail(`methods are upper-case: write "${upper}", not "${method}"`);
  return fail(`unknown method "${method}"; use one of ${ROUTE_METHODS.join(', ')}`);
}

function parsePath(path: string, fail: (reason: string) => never): RouteSegment[] {
  if (!path.startsWith('/')) fail(`the path must start with "/" (got "${path}")`);
  if (/[?#]/.test(path)) fail('a route path has no query string or fragment');
  if (/\s/.test(path)) fail('the path contains whitespace');
  if (path === '/') return [];
  if (path.endsWith('/')) fail('the path must not end with "/"');
  const segments = path.slice(1).split('/').map((text) => parseSegment(text, fail));
  const names = new Set<string>();
  segments.forEach((segment, index) => {
    if (segment.kind === 'literal') return;
    if (segment.kind === 'greedy' && index !== segments.length - 1) {
      fail(`the greedy variable {${segment.name}+} must be the last segment`);
    }
    if (names.has(segment.name)) fail(`the path variable {${segment.name}} appears twice`);
    names.add(segment.name);
  });
  return segments;
}

function parseSegment(text: string, fail: (reason: string) => never): RouteSegment {
  if (text === '') return fail('the path has an empty segment ("//")');
  const param = PARAM_SEGMENT.exec(text);
  if (param !== null) {
    const name = param[1] ?? '';
    return param[2] === '+' ? { kind: 'greedy', name } : { kind: 'param', name };
  }
  if (text.includes('{') || text.includes('}')) {
    return fail(`"${text}": a path variable is a whole segment, like {id} or {proxy+}, named with letters, digits, "_", "-" or "."`);
  }
  return { kind: 'literal', value: text };
}

/**
 * Route selection the way API Gateway does it (reference §5): routes are ordered once by
 * priority, whatever order the config lists them in, and the first that fits the request wins.
 * Also finds routes that claim the same method and path shape, so config loading can refuse them.
 */
import { decodeComponent } from './event-parts.js';
import { apiKindOf, type ApiKind, type PayloadVersion } from './request.js';
import { parseRouteKey } from './route-key.js';
import type { ParsedRouteKey, RouteSegment } from './route-key.js';

export interface RouteEntry {
  readonly routeKey: string;
  readonly functionName: string;
  readonly payload: PayloadVersion;
}

/** What the event builders need from a match. */
export interface MatchedRoute {
  readonly routeKey: string;
  /** The route's path template (`/pets/{petId}`); undefined for `$default`. */
  readonly resourcePath: string | undefined;
  /** Decoded values by variable name; undefined when the route has no variables. */
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
}

export interface RouteMatch<T extends RouteEntry = RouteEntry> extends MatchedRoute {
  readonly entry: T;
  readonly route: ParsedRouteKey;
}

export interface Router<T extends RouteEntry = RouteEntry> {
  /** The routes in the order they are tried. */
  readonly routes: ReadonlyArray<{ readonly entry: T; readonly route: ParsedRouteKey }>;
  /** Which API type answers a request that no route matches; see noRouteApiKind. */
  readonly noRouteApiKind: ApiKind;
  match(method: string, path: string): RouteMatch<T> | undefined;
  /**
   * The API type whose routing answers this request: the matched route's, else that of a route
   * serving the path with other methods (a REST resource answers a missing method with its 403),
   * else noRouteApiKind.
   */
  apiKindFor(method: string, path: string): ApiKind;
}

export interface RouteConflict<T extends RouteEntry = RouteEntry> {
  /** The entry listed first in the config. */
  readonly first: T;
  readonly second: T;
  /** The shared shape, e.g. `GET /a/{}`. */
  readonly shape: string;
  readonly message: string;
}

/**
 * Builds a router; throws RouteKeyError for a bad key. Conflicting routes are not refused here
 * (findRouteConflicts is for config loading); if any slip through, the one listed first wins.
 */
export function createRouter<T extends RouteEntry>(entries: readonly T[]): Router<T> {
  const routes = entries
    .map((entry) => ({ entry, route: parseRouteKey(entry.routeKey) }))
    .sort((a, b) => compareRoutePriority(a.route, b.route));
  /** The first route, in priority order, whose path fits whatever the method. */
  const pathOwner = (requestSegments: readonly string[]) =>
    routes.find(({ route }) => route.kind !== 'default' && matchSegments(route.segments, requestSegments) !== undefined);
  const noRoute = noRouteApiKind(entries);
  const match = (method: string, path: string): RouteMatch<T> | undefined => {
    const upper = method.toUpperCase();
    const requestSegments = splitPath(path);
    if (requestSegments === undefined) return undefined;
    for (const { entry, route } of routes) {
      // `$default` belongs to the HTTP API: it does not take a REST resource's other methods.
      if (route.kind === 'default' && entry.payload === '2.0' && pathOwner(requestSegments)?.entry.payload === '1.0') return undefined;
      const found = matchRoute(route, upper, requestSegments);
      if (found !== undefined) return { entry, route, ...found };
    }
    return undefined;
  };
  return {
    routes,
    noRouteApiKind: noRoute,
    match,
    apiKindFor(method, path) {
      const matched = match(method, path);
      if (matched !== undefined) return apiKindOf(matched.entry.payload);
      const requestSegments = splitPath(path);
      const owner = requestSegments === undefined ? undefined : pathOwner(requestSegments);
      return owner === undefined ? noRoute : apiKindOf(owner.entry.payload);
    },
  };
}

/**
 * lambkin serves REST (1.0) and HTTP API (2.0) routes on one port, so a request whose path no
 * route serves belongs to no API (a path some route serves belongs to that route's API; see
 * apiKindFor). We answer as an HTTP API (404 Not Found) unless every route is REST,
 * because then the user is building a REST API and should see REST's 403 Missing Authentication
 * Token, which is what their deployed API will answer (reference §5.2, §6).
 */
export function noRouteApiKind(entries: ReadonlyArray<Pick<RouteEntry, 'payload'>>): ApiKind {
  return entries.length > 0 && entries.every((e) => e.payload === '1.0') ? 'rest' : 'http';
}

const SEGMENT_RANK: Readonly<Record<RouteSegment['kind'], number>> = { literal: 0, param: 1, greedy: 2 };

/**
 * Negative when `a` is tried before `b`. Order (reference §5.1): routes without a greedy variable,
 * then greedy ones, then `$default`; within those, left to right a literal segment beats `{param}`
 * beats `{proxy+}`; then a specific method beats ANY. The path decides before the method, as
 * REST picks the resource before the method: `ANY /pets/dog` beats `GET /pets/{id}` for GET /pets/dog.
 */
export function compareRoutePriority(a: ParsedRouteKey, b: ParsedRouteKey): number {
  if (a.kind === 'default' || b.kind === 'default') {
    return (a.kind === 'default' ? 1 : 0) - (b.kind === 'default' ? 1 : 0);
  }
  const greedyDiff = Number(isGreedy(a.segments)) - Number(isGreedy(b.segments));
  if (greedyDiff !== 0) return greedyDiff;
  const shared = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < shared; i++) {
    const diff = rankAt(a.segments, i) - rankAt(b.segments, i);
    if (diff !== 0) return diff;
  }
  // Only reached by routes that can never match the same path, or that differ only by method.
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  return Number(a.method === 'ANY') - Number(b.method === 'ANY');
}

/** Method plus path with variable names erased: routes with equal shapes are the same route. */
export function routeShape(route: ParsedRouteKey): string {
  if (route.kind === 'default') return route.routeKey;
  const path = route.segments
    .map((s) => (s.kind === 'literal' ? s.value : s.kind === 'param' ? '{}' : '{+}'))
    .join('/');
  return `${route.method} /${path}`;
}

/** Pairs of entries that claim the same route; entries with invalid keys are skipped. */
export function findRouteConflicts<T extends RouteEntry>(entries: readonly T[]): Array<RouteConflict<T>> {
  const owners = new Map<string, T>();
  const conflicts: Array<RouteConflict<T>> = [];
  for (const entry of entries) {
    let shape: string;
    try {
      shape = routeShape(parseRouteKey(entry.routeKey));
    } catch {
      continue;
    }
    const first = owners.get(shape);
    if (first === undefined) owners.set(shape, entry);
    else conflicts.push({ first, second: entry, shape, message: conflictMessage(first, entry) });
  }
  return conflicts;
}

function conflictMessage(first: RouteEntry, second: RouteEntry): string {
  const same = first.routeKey === second.routeKey ? '' : ' (path variable names do not make routes different)';
  return (
    `route "${second.routeKey}" of function "${second.functionName}" is the same route as ` +
    `"${first.routeKey}" of function "${first.functionName}"${same}; a route can invoke only one function`
  );
}

function isGreedy(segments: readonly RouteSegment[]): boolean {
  return segments.at(-1)?.kind === 'greedy';
}

function rankAt(segments: readonly RouteSegment[], index: number): number {
  const segment = segments[index];
  return segment === undefined ? 0 : SEGMENT_RANK[segment.kind];
}

/** `/` -> [], `/a/b` -> ['a', 'b'], raw (still percent-encoded); undefined if not a path. */
function splitPath(path: string): string[] | undefined {
  if (!path.startsWith('/')) return undefined;
  return path === '/' ? [] : path.slice(1).split('/');
}

function matchRoute(
  route: ParsedRouteKey,
  method: string,
  request: readonly string[],
): MatchedRoute | undefined {
  if (route.kind === 'default') {
    return { routeKey: route.routeKey, resourcePath: undefined, pathParameters: undefined };
  }
  if (route.method !== 'ANY' && route.method !== method) return undefined;
  const params = matchSegments(route.segments, request);
  if (params === undefined) return undefined;
  return {
    routeKey: route.routeKey,
    resourcePath: route.path,
    pathParameters: params.length === 0 ? undefined : Object.fromEntries(params),
  };
}

/**
 * Segments are compared raw and decoded one by one, so `%2F` inside a segment stays inside that
 * variable. Variables must be non-empty: `/{proxy+}` does not match the root `/` (reference §5.1,
 * §5.2), and `/pets/` (empty last segment) matches neither `/pets` nor `/pets/{id}`.
 */
function matchSegments(route: readonly RouteSegment[], request: readonly string[]): Array<[string, string]> | undefined {
  const params: Array<[string, string]> = [];
  for (const [index, segment] of route.entries()) {
    if (segment.kind === 'greedy') {
      const rest = request.slice(index).join('/');
      if (rest === '') return undefined;
      params.push([segment.name, decodeComponent(rest)]);
      return params;
    }
    const actual = request[index];
    if (actual === undefined || actual === '') return undefined;
    if (segment.kind === 'literal') {
      if (actual !== segment.value && decodeComponent(actual) !== segment.value) return undefined;
    } else {
      params.push([segment.name, decodeComponent(actual)]);
    }
  }
  return route.length === request.length ? params : undefined;
}

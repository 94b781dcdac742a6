import { describe, expect, it } from 'vitest';
import { parseRouteKey, RouteKeyError } from '../../../../src/sources/http/route-key.js';
import {
  compareRoutePriority,
  createRouter,
  findRouteConflicts,
  noRouteApiKind,
  routeShape,
} from '../../../../src/sources/http/routes.js';
import type { RouteEntry } from '../../../../src/sources/http/routes.js';

const KEYS = [
  'GET /',
  'GET /pets',
  'POST /pets',
  'HEAD /pets',
  'OPTIONS /pets',
  'GET /pets/{id}',
  'ANY /pets/{id}',
  'DELETE /pets/{id}',
  'GET /pets/dog',
  'GET /pets/dog/{id}',
  'GET /pets/dog/1',
  'GET /pets/{proxy+}',
  'ANY /{proxy+}',
  '$default',
  'GET /users/{userId}/posts/{postId}',
  'GET /users/me/posts/{postId}',
  'GET /users/{userId}/posts/latest',
  'ANY /static/{path+}',
  'GET /static/{dir}/{path+}',
  'ANY /things',
  'PUT /things',
];

const entries = (keys: readonly string[]): RouteEntry[] =>
  keys.map((routeKey, i) => ({ routeKey, functionName: `fn${i}`, payload: '2.0' }));

// The same routes in several config orders: priority must not depend on the order.
const ORDERS: Array<[string, string[]]> = [
  ['as listed', KEYS],
  ['reversed', [...KEYS].reverse()],
  ['rotated', [...KEYS.slice(7), ...KEYS.slice(0, 7)]],
  ['interleaved', [...KEYS.filter((_, i) => i % 2 === 1), ...KEYS.filter((_, i) => i % 2 === 0)]],
];

type Row = [method: string, path: string, routeKey: string, params?: Record<string, string>];

const TABLE: Row[] = [
  ['GET', '/', 'GET /'],
  ['POST', '/', '$default'],
  ['GET', '/pets', 'GET /pets'],
  ['get', '/pets', 'GET /pets'],
  ['POST', '/pets', 'POST /pets'],
  ['HEAD', '/pets', 'HEAD /pets'],
  ['OPTIONS', '/pets', 'OPTIONS /pets'],
  ['PUT', '/pets', 'ANY /{proxy+}', { proxy: 'pets' }],
  ['PATCH', '/pets', 'ANY /{proxy+}', { proxy: 'pets' }],
  ['GET', '/pets/42', 'GET /pets/{id}', { id: '42' }],
  ['PUT', '/pets/42', 'ANY /pets/{id}', { id: '42' }],
  ['DELETE', '/pets/42', 'DELETE /pets/{id}', { id: '42' }],
  ['HEAD', '/pets/42', 'ANY /pets/{id}', { id: '42' }],
  ['GET', '/pets/dog', 'GET /pets/dog'],
  ['POST', '/pets/dog', 'ANY /pets/{id}', { id: 'dog' }],
  ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
  ['GET', '/pets/dog/2', 'GET /pets/dog/{id}', { id: '2' }],
  ['POST', '/pets/dog/2', 'ANY /{proxy+}', { proxy: 'pets/dog/2' }],
  ['GET', '/pets/cat/2', 'GET /pets/{proxy+}', { proxy: 'cat/2' }],
  ['GET', '/pets/a/b/c', 'GET /pets/{proxy+}', { proxy: 'a/b/c' }],
  ['POST', '/pets/a/b', 'ANY /{proxy+}', { proxy: 'pets/a/b' }],
  ['GET', '/users/7/posts/9', 'GET /users/{userId}/posts/{postId}', { userId: '7', postId: '9' }],
  ['GET', '/users/me/posts/9', 'GET /users/me/posts/{postId}', { postId: '9' }],
  ['GET', '/users/me/posts/latest', 'GET /users/me/posts/{postId}', { postId: 'latest' }],
  ['GET', '/users/7/posts/latest', 'GET /users/{userId}/posts/latest', { userId: '7' }],
  ['GET', '/users/7/posts', 'ANY /{proxy+}', { proxy: 'users/7/posts' }],
  ['GET', '/static/app.js', 'ANY /static/{path+}', { path: 'app.js' }],
  ['GET', '/static/css/app.css', 'GET /static/{dir}/{path+}', { dir: 'css', path: 'app.css' }],
  ['GET', '/static/css/sub/app.css', 'GET /static/{dir}/{path+}', { dir: 'css', path: 'sub/app.css' }],
  ['POST', '/static/css/app.css', 'ANY /static/{path+}', { path: 'css/app.css' }],
  ['GET', '/static', 'ANY /{proxy+}', { proxy: 'static' }],
  ['PUT', '/things', 'PUT /things'],
  ['GET', '/things', 'ANY /things'],
  ['DELETE', '/things', 'ANY /things'],
  ['GET', '/nothing/here', 'ANY /{proxy+}', { proxy: 'nothing/here' }],
  ['GET', '/Pets', 'ANY /{proxy+}', { proxy: 'Pets' }],
  ['GET', '/pets/', 'ANY /{proxy+}', { proxy: 'pets/' }],
  ['GET', '/pets/caf%C3%A9', 'GET /pets/{id}', { id: 'café' }],
  ['GET', '/pets/d%6Fg', 'GET /pets/dog'],
  ['GET', '/pets/a%2Fb', 'GET /pets/{id}', { id: 'a/b' }],
  ['GET', '/pets/100%', 'GET /pets/{id}', { id: '100%' }],
  ['GET', '/pets/a%20b/c%2Fd', 'GET /pets/{proxy+}', { proxy: 'a b/c/d' }],
];

describe('Router.match priority', () => {
  for (const [order, keys] of ORDERS) {
    describe(`with routes ${order}`, () => {
      const router = createRouter(entries(keys));
      it.each(TABLE)('%s %s -> %s', (method, path, routeKey, params) => {
        const found = router.match(method, path);
        expect(found?.routeKey).toBe(routeKey);
        expect(found?.entry.routeKey).toBe(routeKey);
        expect(found?.pathParameters).toEqual(params);
      });
    });
  }

  it('returns the resource path of the matched route, undefined for $default', () => {
    const router = createRouter(entries(KEYS));
    expect(router.match('GET', '/pets/1')?.resourcePath).toBe('/pets/{id}');
    expect(router.match('POST', '/')?.resourcePath).toBeUndefined();
  });

  it('keeps the caller-defined entry type on the match', () => {
    const router = createRouter([{ routeKey: 'GET /a', functionName: 'a', payload: '2.0' as const, cors: true }]);
    expect(router.match('GET', '/a')?.entry.cors).toBe(true);
  });
});

describe('Router.match without catch-alls', () => {
  const router = createRouter(entries(['GET /pets', 'GET /pets/{id}', 'ANY /files/{path+}']));

  it.each([
    ['GET', '/'],
    ['POST', '/pets'],
    ['GET', '/pets/1/2'],
    ['GET', '/files'],
    ['GET', '/files/'],
    ['GET', '*'],
    ['GET', ''],
  ])('finds nothing for %s %j', (method, path) => {
    expect(router.match(method, path)).toBeUndefined();
  });

  it('does not let a GET route answer HEAD', () => {
    expect(router.match('HEAD', '/pets')).toBeUndefined();
  });

  it('lets $default answer anything', () => {
    const withDefault = createRouter(entries(['GET /a', '$default']));
    expect(withDefault.match('PATCH', '/zzz/yyy')?.routeKey).toBe('$default');
    expect(withDefault.match('GET', '/a')?.routeKey).toBe('GET /a');
  });

  it('matches a lone ANY /{proxy+} for every method but not the root', () => {
    const proxy = createRouter(entries(['ANY /{proxy+}']));
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect(proxy.match(method, '/x')?.pathParameters).toEqual({ proxy: 'x' });
    }
    expect(proxy.match('GET', '/')).toBeUndefined();
  });
});

describe('createRouter', () => {
  it('throws RouteKeyError for a bad key', () => {
    expect(() => createRouter(entries(['GET /ok', 'get /bad']))).toThrow(RouteKeyError);
  });

  it('orders routes: exact, parameter, greedy, $default, specific method before ANY', () => {
    const router = createRouter(entries(['$default', 'ANY /{proxy+}', 'ANY /a/{x}', 'GET /a/{x}', 'GET /a/b', 'GET /a/{proxy+}']));
    expect(router.routes.map((r) => r.entry.routeKey)).toEqual([
      'GET /a/b',
      'GET /a/{x}',
      'ANY /a/{x}',
      'GET /a/{proxy+}',
      'ANY /{proxy+}',
      '$default',
    ]);
  });

  it('lets the first-listed of two conflicting routes win', () => {
    const router = createRouter([
      { routeKey: 'GET /a/{x}', functionName: 'first', payload: '2.0' },
      { routeKey: 'GET /a/{y}', functionName: 'second', payload: '2.0' },
    ]);
    expect(router.match('GET', '/a/1')?.entry.functionName).toBe('first');
  });
});

describe('compareRoutePriority', () => {
  const cmp = (a: string, b: string) => Math.sign(compareRoutePriority(parseRouteKey(a), parseRouteKey(b)));

  it.each([
    ['GET /a/b', 'GET /a/{x}'],
    ['GET /a/{x}', 'GET /a/{x+}'],
    ['GET /{x}/{y}/{z}', 'GET /a/{x+}'],
    ['GET /a/{x}/{y+}', 'GET /a/{y+}'],
    ['GET /a/{x+}', 'ANY /{x+}'],
    ['GET /a', 'ANY /a'],
    ['ANY /a/b', 'GET /a/{x}'],
    ['ANY /{x+}', '$default'],
    ['GET /', '$default'],
  ])('tries %s before %s', (first, second) => {
    expect(cmp(first, second)).toBe(-1);
    expect(cmp(second, first)).toBe(1);
  });

  it('ties only for the same route', () => {
    expect(cmp('GET /a/{x}', 'GET /a/{y}')).toBe(0);
    expect(cmp('$default', '$default')).toBe(0);
  });
});

describe('noRouteApiKind', () => {
  it('answers as an HTTP API unless every route is REST', () => {
    expect(noRouteApiKind([])).toBe('http');
    expect(noRouteApiKind([{ payload: '2.0' }])).toBe('http');
    expect(noRouteApiKind([{ payload: '1.0' }, { payload: '2.0' }])).toBe('http');
    expect(noRouteApiKind([{ payload: '1.0' }, { payload: '1.0' }])).toBe('rest');
  });

  it('is exposed on the router', () => {
    expect(createRouter([{ routeKey: 'GET /a', functionName: 'a', payload: '1.0' }]).noRouteApiKind).toBe('rest');
    expect(createRouter(entries(['GET /a'])).noRouteApiKind).toBe('http');
  });
});

describe('REST and HTTP API routes on one port', () => {
  const router = createRouter([
    { routeKey: 'GET /rest/pets/{id}', functionName: 'pets', payload: '1.0' },
    { routeKey: 'ANY /rest/any/{proxy+}', functionName: 'any', payload: '1.0' },
    { routeKey: 'GET /items', functionName: 'items', payload: '2.0' },
    { routeKey: '$default', functionName: 'fallback', payload: '2.0' },
  ] satisfies RouteEntry[]);

  it('keeps a REST resource from the HTTP API $default: its other methods match nothing', () => {
    expect(router.match('GET', '/rest/pets/1')?.entry.functionName).toBe('pets');
    expect(router.match('DELETE', '/rest/pets/1')).toBeUndefined();
    expect(router.match('OPTIONS', '/rest/any/x')?.entry.functionName).toBe('any');
    expect(router.match('DELETE', '/items')?.entry.functionName).toBe('fallback');
    expect(router.match('GET', '/elsewhere')?.entry.functionName).toBe('fallback');
  });

  it("names the API whose routing answers: the match's, else the path's owner, else the default", () => {
    expect(router.apiKindFor('GET', '/rest/pets/1')).toBe('rest');
    expect(router.apiKindFor('DELETE', '/rest/pets/1')).toBe('rest');
    expect(router.apiKindFor('OPTIONS', '/rest/any/x')).toBe('rest');
    expect(router.apiKindFor('OPTIONS', '/items')).toBe('http');
    expect(router.apiKindFor('GET', '/elsewhere')).toBe('http');
    const noDefault = createRouter([
      { routeKey: 'GET /rest/pets/{id}', functionName: 'pets', payload: '1.0' },
      { routeKey: 'GET /items', functionName: 'items', payload: '2.0' },
    ] satisfies RouteEntry[]);
    expect(noDefault.apiKindFor('POST', '/rest/pets/1')).toBe('rest');
    expect(noDefault.apiKindFor('POST', '/items')).toBe('http');
    expect(noDefault.apiKindFor('GET', '/nowhere')).toBe('http');
    expect(noDefault.apiKindFor('GET', 'no-slash')).toBe('http');
  });

  it('lets a REST $default take everything, as there is no other API to own a path', () => {
    const rest = createRouter([
      { routeKey: 'GET /rest/pets/{id}', functionName: 'pets', payload: '1.0' },
      { routeKey: '$default', functionName: 'fallback', payload: '1.0' },
    ] satisfies RouteEntry[]);
    expect(rest.match('DELETE', '/rest/pets/1')?.entry.functionName).toBe('fallback');
  });
});

describe('routeShape and findRouteConflicts', () => {
  it('erases variable names from the shape', () => {
    expect(routeShape(parseRouteKey('GET /a/{x}/{rest+}'))).toBe('GET /a/{}/{+}');
    expect(routeShape(parseRouteKey('GET /'))).toBe('GET /');
    expect(routeShape(parseRouteKey('$default'))).toBe('$default');
  });

  const entry = (routeKey: string, functionName: string, payload: '1.0' | '2.0' = '2.0'): RouteEntry => ({
    routeKey,
    functionName,
    payload,
  });

  it('reports GET /a/{x} and GET /a/{y} as the same route, naming both functions', () => {
    const conflicts = findRouteConflicts([entry('GET /a/{x}', 'alpha'), entry('GET /a/{y}', 'beta')]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ first: { functionName: 'alpha' }, second: { functionName: 'beta' }, shape: 'GET /a/{}' });
    expect(conflicts[0]?.message).toBe(
      'route "GET /a/{y}" of function "beta" is the same route as "GET /a/{x}" of function "alpha" ' +
        '(path variable names do not make routes different); a route can invoke only one function',
    );
  });

  it.each([
    [['GET /a/{p+}', 'GET /a/{q+}']],
    [['$default', '$default']],
    [['POST /items', 'POST /items']],
    [['ANY /{proxy+}', 'ANY /{x+}']],
  ])('finds a conflict in %j', (keys) => {
    expect(findRouteConflicts(keys.map((k, i) => entry(k, `f${i}`)))).toHaveLength(1);
  });

  it.each([
    [['GET /a/{x}', 'POST /a/{y}']],
    [['GET /a/{x}', 'ANY /a/{y}']],
    [['GET /a/{x}', 'GET /a/b']],
    [['GET /a/{p+}', 'GET /a/{q}']],
    [['GET /a', 'GET /A']],
    [['GET /', '$default']],
  ])('finds no conflict in %j', (keys) => {
    expect(findRouteConflicts(keys.map((k, i) => entry(k, `f${i}`)))).toEqual([]);
  });

  it('conflicts across payload versions and within one function', () => {
    const conflicts = findRouteConflicts([entry('GET /x', 'a', '1.0'), entry('GET /x', 'a', '2.0')]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.message).toBe(
      'route "GET /x" of function "a" is the same route as "GET /x" of function "a"; a route can invoke only one function',
    );
  });

  it('reports each later claim against the first, and skips invalid keys', () => {
    const conflicts = findRouteConflicts([entry('GET /a', 'one'), entry('bad', 'x'), entry('GET /a', 'two'), entry('GET /a', 'three')]);
    expect(conflicts.map((c) => [c.first.functionName, c.second.functionName])).toEqual([
      ['one', 'two'],
      ['one', 'three'],
    ]);
  });
});

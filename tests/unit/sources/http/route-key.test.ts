import { describe, expect, it } from 'vitest';
import { LambkinError } from '../../../../src/errors.js';
import { isValidRouteKey, parseRouteKey, RouteKeyError } from '../../../../src/sources/http/route-key.js';

describe('parseRouteKey', () => {
  it('parses $default', () => {
    expect(parseRouteKey('$default')).toEqual({ kind: 'default', routeKey: '$default' });
  });

  it('parses the root path into no segments', () => {
    expect(parseRouteKey('GET /')).toEqual({ kind: 'route', routeKey: 'GET /', method: 'GET', path: '/', segments: [] });
  });

  it('parses literal, parameter and greedy segments', () => {
    expect(parseRouteKey('ANY /users/{id}/files/{path+}')).toEqual({
      kind: 'route',
      routeKey: 'ANY /users/{id}/files/{path+}',
      method: 'ANY',
      path: '/users/{id}/files/{path+}',
      segments: [
        { kind: 'literal', value: 'users' },
        { kind: 'param', name: 'id' },
        { kind: 'literal', value: 'files' },
        { kind: 'greedy', name: 'path' },
      ],
    });
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'])('accepts the method %s', (method) => {
    expect(parseRouteKey(`${method} /items`)).toMatchObject({ method });
  });

  it.each([
    'GET /{proxy+}',
    'POST /items',
    'GET /a-b/c_d/e.f/~g',
    'GET /v1.2/{user_id}/{file-name}/{x.y}',
    'PUT /caf%C3%A9',
  ])('accepts %s', (key) => {
    expect(isValidRouteKey(key)).toBe(true);
  });

  it.each([
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    [' GET /a', 'leading or trailing whitespace'],
    ['GET /a ', 'leading or trailing whitespace'],
    ['$connect', '"$default" is the only route key'],
    ['$Default', '"$default" is the only route key'],
    ['GET', 'separated by exactly one space'],
    ['/users', 'separated by exactly one space'],
    ['GET  /users', 'separated by exactly one space'],
    ['GET /a b', 'separated by exactly one space'],
    ['get /users', 'methods are upper-case: write "GET", not "get"'],
    ['Post /users', 'methods are upper-case: write "POST"'],
    ['FETCH /users', 'unknown method "FETCH"'],
    ['CONNECT /users', 'unknown method "CONNECT"'],
    ['GET users', 'the path must start with "/"'],
    ['GET *', 'the path must start with "/"'],
    ['GET /users?x=1', 'no query string'],
    ['GET /users#top', 'no query string or fragment'],
    ['GET /users\t', 'leading or trailing whitespace'],
    ['GET /a\tb', 'whitespace'],
    ['GET /users/', 'must not end with "/"'],
    ['GET /a//b', 'empty segment'],
    ['GET /{proxy+}/more', 'must be the last segment'],
    ['GET /a/{p+}/{q}', 'must be the last segment'],
    ['GET /a/{id}/b/{id}', '{id} appears twice'],
    ['GET /a/{id}/{id+}', '{id} appears twice'],
    ['GET /a{id}', 'a path variable is a whole segment'],
    ['GET /{id}b', 'a path variable is a whole segment'],
    ['GET /{}', 'a path variable is a whole segment'],
    ['GET /{+}', 'a path variable is a whole segment'],
    ['GET /{a b}', 'separated by exactly one space'],
    ['GET /{a/b}', 'a path variable is a whole segment'],
    ['GET /{id', 'a path variable is a whole segment'],
    ['GET /id}', 'a path variable is a whole segment'],
    ['GET /{{id}}', 'a path variable is a whole segment'],
    ['GET /{proxy++}', 'a path variable is a whole segment'],
  ])('refuses %j: %s', (key, reason) => {
    expect(() => parseRouteKey(key)).toThrow(RouteKeyError);
    expect(() => parseRouteKey(key)).toThrow(reason);
    expect(isValidRouteKey(key)).toBe(false);
  });

  it('throws a LambkinError with the key, the reason and a config code', () => {
    let caught: unknown;
    try {
      parseRouteKey('GET users');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LambkinError);
    expect(caught).toMatchObject({
      name: 'RouteKeyError',
      code: 'CONFIG_INVALID',
      routeKey: 'GET users',
      reason: 'the path must start with "/" (got "users")',
      message: 'invalid route key "GET users": the path must start with "/" (got "users")',
    });
    expect((caught as RouteKeyError).isUserError()).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  allowedOrigin,
  applyCors,
  isPreflight,
  normalizeCors,
  preflightResponse,
  validateCorsConfig,
} from '../../../../src/sources/http/cors.js';
import type { HeaderPair } from '../../../../src/sources/http/request.js';
import type { GatewayResponse } from '../../../../src/sources/http/response.js';
import { makeRequest } from './helpers.js';

const preflight = (headers: readonly HeaderPair[]) => makeRequest({ method: 'OPTIONS', target: '/items', headers });
const APP = 'https://app.example.com';
const RULES = normalizeCors({
  allowOrigins: [APP, 'http://localhost:5173'],
  allowMethods: ['get', 'POST'],
  allowHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['x-request-id', 'x-total'],
  maxAge: 600,
  allowCredentials: true,
});

describe('normalizeCors', () => {
  it('turns true into allow-everything without credentials', () => {
    expect(normalizeCors(true)).toEqual({
      allowOrigins: ['*'],
      allowMethods: ['*'],
      allowHeaders: ['*'],
      exposeHeaders: [],
      maxAge: undefined,
      allowCredentials: false,
    });
  });

  it('fills missing lists with nothing and upper-cases methods', () => {
    expect(normalizeCors({ allowOrigins: [APP] })).toEqual({
      allowOrigins: [APP],
      allowMethods: [],
      allowHeaders: [],
      exposeHeaders: [],
      maxAge: undefined,
      allowCredentials: false,
    });
    expect(RULES.allowMethods).toEqual(['GET', 'POST']);
  });
});

describe('validateCorsConfig', () => {
  it('accepts true and a sensible config', () => {
    expect(validateCorsConfig(true)).toEqual([]);
    expect(validateCorsConfig({ allowOrigins: [APP], allowMethods: ['GET', '*'], maxAge: -1, allowCredentials: true })).toEqual([]);
    expect(validateCorsConfig({ maxAge: 86400 })).toEqual([]);
  });

  it('reports maxAge out of range, unknown methods and credentials with a wildcard origin', () => {
    expect(validateCorsConfig({ maxAge: 86401 })).toEqual(['maxAge 86401 is outside -1..86400 seconds']);
    expect(validateCorsConfig({ maxAge: -2 })).toEqual(['maxAge -2 is outside -1..86400 seconds']);
    expect(validateCorsConfig({ maxAge: 1.5 })).toEqual(['maxAge 1.5 is outside -1..86400 seconds']);
    expect(validateCorsConfig({ allowMethods: ['FETCH'] })).toEqual(['allowMethods: unknown method "FETCH"']);
    expect(validateCorsConfig({ allowOrigins: ['*'], allowCredentials: true })).toEqual([
      'allowCredentials needs explicit allowOrigins; "*" cannot be used with credentials',
    ]);
  });
});

describe('isPreflight', () => {
  it('needs OPTIONS, Origin and Access-Control-Request-Method', () => {
    expect(isPreflight(preflight([['Origin', APP], ['Access-Control-Request-Method', 'POST']]))).toBe(true);
    expect(isPreflight(preflight([['Origin', APP]]))).toBe(false);
    expect(isPreflight(preflight([['Access-Control-Request-Method', 'POST']]))).toBe(false);
    expect(isPreflight(makeRequest({ method: 'GET', headers: [['Origin', APP], ['Access-Control-Request-Method', 'POST']] }))).toBe(false);
  });
});

describe('preflightResponse', () => {
  it('answers 204 with every configured header for an allowed origin', () => {
    const response = preflightResponse(
      RULES,
      preflight([['Origin', APP], ['Access-Control-Request-Method', 'POST'], ['Access-Control-Request-Headers', 'content-type']]),
    );
    expect(response).toEqual({
      statusCode: 204,
      headers: [
        ['access-control-allow-origin', APP],
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-methods', 'GET,POST'],
        ['access-control-allow-headers', 'content-type,authorization'],
        ['access-control-max-age', '600'],
      ],
      body: Buffer.alloc(0),
    });
  });

  it('answers true with wildcards', () => {
    const response = preflightResponse(normalizeCors(true), preflight([['Origin', APP], ['Access-Control-Request-Method', 'PUT']]));
    expect(response.statusCode).toBe(204);
    expect(response.headers).toEqual([
      ['access-control-allow-origin', '*'],
      ['access-control-allow-methods', '*'],
      ['access-control-allow-headers', '*'],
    ]);
  });

  it('echoes the requested method and headers for * with credentials, where browsers ignore the wildcard', () => {
    const rules = normalizeCors({ allowOrigins: [APP], allowMethods: ['*'], allowHeaders: ['*'], allowCredentials: true });
    const response = preflightResponse(
      rules,
      preflight([['Origin', APP], ['Access-Control-Request-Method', 'DELETE'], ['Access-Control-Request-Headers', 'x-a, x-b']]),
    );
    expect(response.headers).toEqual([
      ['access-control-allow-origin', APP],
      ['access-control-allow-credentials', 'true'],
      ['access-control-allow-methods', 'DELETE'],
      ['access-control-allow-headers', 'x-a, x-b'],
    ]);
  });

  it('sends no CORS headers for an origin that is not allowed', () => {
    const response = preflightResponse(RULES, preflight([['Origin', 'https://evil.example'], ['Access-Control-Request-Method', 'POST']]));
    expect(response).toEqual({ statusCode: 204, headers: [], body: Buffer.alloc(0) });
  });

  it('sends max-age -1 when configured', () => {
    const rules = normalizeCors({ allowOrigins: ['*'], maxAge: -1 });
    const response = preflightResponse(rules, preflight([['Origin', APP], ['Access-Control-Request-Method', 'GET']]));
    expect(response.headers).toContainEqual(['access-control-max-age', '-1']);
  });
});

describe('applyCors', () => {
  const fnResponse: GatewayResponse = {
    statusCode: 200,
    headers: [
      ['content-type', 'text/plain'],
      ['Access-Control-Allow-Origin', 'https://function-chose-this'],
      ['access-control-expose-headers', 'x-fn'],
      ['set-cookie', 'a=1'],
    ],
    body: Buffer.from('ok'),
  };

  it("replaces the function's CORS headers with the configured ones for an allowed origin", () => {
    expect(applyCors(RULES, makeRequest({ headers: [['Origin', APP]] }), fnResponse)).toEqual({
      statusCode: 200,
      headers: [
        ['content-type', 'text/plain'],
        ['set-cookie', 'a=1'],
        ['access-control-allow-origin', APP],
        ['access-control-allow-credentials', 'true'],
        ['access-control-expose-headers', 'x-request-id,x-total'],
      ],
      body: Buffer.from('ok'),
    });
  });

  it("drops the function's CORS headers and adds none for a disallowed or missing origin", () => {
    const expected = [
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1'],
    ];
    expect(applyCors(RULES, makeRequest({ headers: [['Origin', 'https://evil.example']] }), fnResponse).headers).toEqual(expected);
    expect(applyCors(RULES, makeRequest({ headers: [] }), fnResponse).headers).toEqual(expected);
  });

  it('does not change the response it was given', () => {
    applyCors(RULES, makeRequest({ headers: [['Origin', APP]] }), fnResponse);
    expect(fnResponse.headers).toHaveLength(4);
  });
});

describe('allowedOrigin', () => {
  it.each([
    [['*'], false, APP, '*'],
    [['*'], true, APP, APP],
    [[APP], false, APP, APP],
    [[APP], false, 'HTTPS://APP.EXAMPLE.COM', 'HTTPS://APP.EXAMPLE.COM'],
    [[APP], false, 'https://other.example.com', undefined],
    [[APP], false, undefined, undefined],
    [[], false, APP, undefined],
  ])('allowOrigins %j, credentials %s, Origin %s -> %s', (origins, credentials, origin, expected) => {
    expect(allowedOrigin(normalizeCors({ allowOrigins: origins, allowCredentials: credentials }), origin)).toBe(expected);
  });
});

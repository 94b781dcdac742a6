import { describe, expect, it } from 'vitest';
import { readV1Response, readV2Response } from '../../../../src/sources/http/proxy-response.js';

describe('readV1Response', () => {
  it('reads a full response, merging headers and multiValueHeaders', () => {
    const check = readV1Response({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-Both': 'single', 'X-Num': 3, 'X-Bool': true },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'x-both': ['multi1', 'multi2'] },
      body: 'hi',
      isBase64Encoded: false,
    });
    expect(check).toEqual({
      ok: true,
      response: {
        statusCode: 201,
        headers: [
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
          ['x-both', 'multi1'],
          ['x-both', 'multi2'],
          ['Content-Type', 'text/plain'],
          ['X-Num', '3'],
          ['X-Bool', 'true'],
        ],
        body: 'hi',
        isBase64Encoded: false,
      },
    });
  });

  it('accepts a bare statusCode, a numeric string, and null optional fields', () => {
    expect(readV1Response({ statusCode: 204 })).toEqual({
      ok: true,
      response: { statusCode: 204, headers: [], body: '', isBase64Encoded: false },
    });
    expect(readV1Response({ statusCode: '404', body: null, headers: null, multiValueHeaders: null, isBase64Encoded: null })).toMatchObject({
      ok: true,
      response: { statusCode: 404 },
    });
  });

  it('skips null header values', () => {
    expect(readV1Response({ statusCode: 200, headers: { a: null }, multiValueHeaders: { b: null } })).toMatchObject({
      ok: true,
      response: { headers: [] },
    });
  });

  it.each([
    [null, 'the function returned null, not an object with a statusCode'],
    [undefined, 'the function returned nothing'],
    ['{"statusCode":200}', 'the function returned a string'],
    [[1], 'the function returned an array'],
    [42, 'the function returned a number'],
    [{}, 'statusCode is missing'],
    [{ body: 'x' }, 'statusCode is missing'],
    [{ statusCode: 99 }, 'statusCode 99 is not an HTTP status code'],
    [{ statusCode: 600 }, 'statusCode 600'],
    [{ statusCode: 200.5 }, 'statusCode 200.5'],
    [{ statusCode: 'OK' }, 'statusCode "OK"'],
    [{ statusCode: true }, 'statusCode true'],
    [{ statusCode: 200, body: { ok: true } }, 'body is an object; it must be a string'],
    [{ statusCode: 200, body: 5 }, 'body is a number'],
    [{ statusCode: 200, isBase64Encoded: 'true' }, 'isBase64Encoded is a string, not a boolean'],
    [{ statusCode: 200, headers: 'x' }, 'headers is a string, not an object'],
    [{ statusCode: 200, headers: [] }, 'headers is an array, not an object'],
    [{ statusCode: 200, headers: { a: ['1'] } }, 'headers.a is an array; header values are strings'],
    [{ statusCode: 200, headers: { a: { b: 1 } } }, 'headers.a is an object'],
    [{ statusCode: 200, multiValueHeaders: { a: '1' } }, 'multiValueHeaders.a is a string, not an array'],
    [{ statusCode: 200, multiValueHeaders: { a: [{}] } }, 'multiValueHeaders.a is an object'],
    [{ statusCode: 200, multiValueHeaders: [] }, 'multiValueHeaders is an array'],
    [{ statusCode: 200, cookies: ['a=1'] }, 'unexpected key "cookies"'],
    [{ statuscode: 200 }, 'statusCode is missing'],
    [{ statusCode: 200, Body: 'x' }, 'unexpected key "Body"; a response has only statusCode, headers, multiValueHeaders, body, isBase64Encoded'],
  ])('refuses %j: %s', (payload, problem) => {
    const check = readV1Response(payload);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain(problem);
  });
});

describe('readV2Response', () => {
  it.each([
    [{ message: 'hi' }, '{"message":"hi"}'],
    ['Hello from Lambda!', 'Hello from Lambda!'],
    [42, '42'],
    [true, 'true'],
    [[1, 'a'], '[1,"a"]'],
    [null, 'null'],
    [undefined, 'null'],
    [{ body: 'x', headers: { a: 'b' } }, '{"body":"x","headers":{"a":"b"}}'],
  ])('sends %j without a statusCode as the body of a 200 application/json', (payload, body) => {
    expect(readV2Response(payload)).toEqual({
      ok: true,
      response: { statusCode: 200, headers: [['content-type', 'application/json']], body, isBase64Encoded: false },
    });
  });

  it('reads a structured response and turns each cookie into a set-cookie header', () => {
    const check = readV2Response({
      cookies: ['session=abc; HttpOnly', 'theme=dark'],
      isBase64Encoded: false,
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'x-custom': 1 },
      body: '{"id":42}',
    });
    expect(check).toEqual({
      ok: true,
      response: {
        statusCode: 201,
        headers: [
          ['content-type', 'application/json'],
          ['x-custom', '1'],
          ['set-cookie', 'session=abc; HttpOnly'],
          ['set-cookie', 'theme=dark'],
        ],
        body: '{"id":42}',
        isBase64Encoded: false,
      },
    });
  });

  it('ignores unknown keys, multiValueHeaders included', () => {
    expect(readV2Response({ statusCode: 200, multiValueHeaders: { a: ['1'] }, extra: 1 })).toEqual({
      ok: true,
      response: { statusCode: 200, headers: [], body: '', isBase64Encoded: false },
    });
  });

  it('treats a statusCode key with a null value as structured and malformed', () => {
    expect(readV2Response({ statusCode: null })).toEqual({ ok: false, problem: 'statusCode is missing' });
  });

  it.each([
    [{ statusCode: 'abc' }, 'statusCode "abc"'],
    [{ statusCode: 200, cookies: 'a=1' }, 'cookies is a string, not an array of strings'],
    [{ statusCode: 200, cookies: [1] }, 'cookies is an array, not an array of strings'],
    [{ statusCode: 200, body: { a: 1 } }, 'body is an object'],
    [{ statusCode: 200, isBase64Encoded: 1 }, 'isBase64Encoded is a number'],
    [{ statusCode: 200, headers: { a: [] } }, 'headers.a is an array'],
  ])('refuses %j: %s', (payload, problem) => {
    const check = readV2Response(payload);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain(problem);
  });
});

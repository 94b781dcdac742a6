import { describe, expect, it } from 'vitest';
import { hasHeader, responseHeaderValues } from '../../../../src/sources/http/response.js';

describe('response header helpers', () => {
  const response = {
    headers: [
      ['Set-Cookie', 'a=1'],
      ['content-type', 'text/plain'],
      ['set-cookie', 'b=2'],
    ] as Array<[string, string]>,
  };

  it('finds headers case-insensitively', () => {
    expect(hasHeader(response, 'Content-Type')).toBe(true);
    expect(hasHeader(response, 'x-missing')).toBe(false);
    expect(responseHeaderValues(response, 'SET-COOKIE')).toEqual(['a=1', 'b=2']);
  });
});

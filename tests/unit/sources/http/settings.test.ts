import { describe, expect, it } from 'vitest';
import { defaultGatewaySettings, domainNameFor, domainPrefixOf } from '../../../../src/sources/http/settings.js';

describe('defaultGatewaySettings', () => {
  it("uses AWS's placeholder account, a 10-character API id and the stage of each API type", () => {
    expect(defaultGatewaySettings('us-east-1', '2.0')).toEqual({
      region: 'us-east-1',
      accountId: '123456789012',
      apiId: 'lambkinapi',
      stage: '$default',
    });
    expect(defaultGatewaySettings('eu-west-1', '1.0')).toMatchObject({ region: 'eu-west-1', stage: 'local' });
    expect(defaultGatewaySettings('us-east-1', '2.0').apiId).toMatch(/^[a-z0-9]{10}$/);
  });
});

describe('domainNameFor and domainPrefixOf', () => {
  const settings = { apiId: 'a1b2c3d4e5', region: 'us-east-1' };

  it('uses the Host header, port included, else the execute-api name', () => {
    expect(domainNameFor('localhost:3000', settings)).toBe('localhost:3000');
    expect(domainNameFor('', settings)).toBe('a1b2c3d4e5.execute-api.us-east-1.amazonaws.com');
  });

  it.each([
    ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', 'a1b2c3d4e5'],
    ['localhost:3000', 'localhost'],
    ['localhost', 'localhost'],
    ['api.example.com:8443', 'api'],
  ])('takes the first label of %s', (domain, prefix) => {
    expect(domainPrefixOf(domain)).toBe(prefix);
  });
});

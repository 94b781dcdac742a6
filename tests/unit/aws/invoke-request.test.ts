import { describe, expect, it } from 'vitest';
import { parsePayload, readInvokeRequest, type RawInvokeRequest } from '../../../src/aws/invoke-request.js';

const raw = (overrides: Partial<RawInvokeRequest> = {}): RawInvokeRequest => ({
  functionName: 'echo',
  qualifier: undefined,
  invocationType: undefined,
  logType: undefined,
  clientContext: undefined,
  body: Buffer.from('{}'),
  ...overrides,
});

describe('readInvokeRequest', () => {
  it('defaults to RequestResponse without a log tail', () => {
    expect(readInvokeRequest(raw())).toMatchObject({ invocationType: 'RequestResponse', logType: 'None', target: { functionName: 'echo' }, clientContext: undefined });
  });

  it('refuses an invocation type outside the enum with a ValidationException', () => {
    expect(() => readInvokeRequest(raw({ invocationType: 'event' }))).toThrow(
      "1 validation error detected: Value 'event' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
    );
  });

  it('refuses an Event payload over 1 MB and accepts one of exactly 1 MB', () => {
    expect(() => readInvokeRequest(raw({ invocationType: 'Event', body: Buffer.alloc(1024 * 1024 + 1, 0x20) }))).toThrow(
      '1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
    );
    expect(readInvokeRequest(raw({ invocationType: 'Event', body: Buffer.alloc(1024 * 1024, 0x20) })).invocationType).toBe('Event');
  });

  it('decodes the base64 JSON client context', () => {
    const clientContext = Buffer.from('{"custom":{"a":1}}').toString('base64');
    expect(readInvokeRequest(raw({ clientContext })).clientContext).toEqual({ custom: { a: 1 } });
  });

  it.each([
    ['not base64', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64')],
    ['not an object', Buffer.from('[1]').toString('base64')],
    ['over 3,583 bytes', Buffer.from(JSON.stringify({ pad: 'x'.repeat(3000) })).toString('base64')],
  ])('refuses a client context that is %s', (_what, clientContext) => {
    expect(() => readInvokeRequest(raw({ clientContext }))).toThrow(/^Client context must be a valid Base64-encoded JSON object/);
  });
});

describe('parsePayload', () => {
  it('gives {} for an empty or blank body', () => {
    expect(parsePayload(Buffer.alloc(0))).toEqual({});
    expect(parsePayload(Buffer.from(' \n'))).toEqual({});
  });

  it('parses any JSON value', () => {
    expect(parsePayload(Buffer.from('"hi"'))).toBe('hi');
    expect(parsePayload(Buffer.from('null'))).toBeNull();
  });

  it('refuses text that is not JSON with AWS words and the reason', () => {
    expect(() => parsePayload(Buffer.from('not json'))).toThrow(/^Could not parse request body into json: Could not parse payload into json: /);
  });

  it('refuses bytes that are not UTF-8, naming the byte as AWS does', () => {
    expect(() => parsePayload(Buffer.from([0x7b, 0x87, 0x7d]))).toThrow('Could not parse request body into json: Could not parse payload into json: Invalid UTF-8 start byte 0x87');
  });
});

import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listenerUrl, urlHost } from '../../../src/sources/listen.js';

describe('urlHost', () => {
  it('brackets an IPv6 address and leaves names and IPv4 alone', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('::')).toBe('[::]');
    expect(urlHost('fe80::1%lo')).toBe('[fe80::1%lo]');
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
    expect(urlHost('localhost')).toBe('localhost');
  });
});

describe('listenerUrl', () => {
  it("is the server's URL once it listens, undefined before and after", async () => {
    const server = createServer();
    expect(listenerUrl('::1', server)).toBeUndefined();
    expect(listenerUrl('::1', undefined)).toBeUndefined();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(listenerUrl('::1', server)).toBe(`http://[::1]:${port}`);
    expect(listenerUrl('127.0.0.1', server)).toBe(`http://127.0.0.1:${port}`);
    await new Promise((resolve) => server.close(resolve));
    expect(listenerUrl('127.0.0.1', server)).toBeUndefined();
  });
});

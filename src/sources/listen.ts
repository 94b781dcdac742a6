/** Starts and stops HTTP listeners; "port in use" becomes a message that says what to do. */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambkinError } from '../errors.js';

/** Loopback only unless the user asks otherwise: a local emulator is no server for the network. */
export const DEFAULT_HOST = '127.0.0.1';

/** A host as a URL writes it: an IPv6 address goes in brackets (`http://[::1]:3000`). */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** `http://host:port` of a listening server, undefined when it is not listening. */
export function listenerUrl(host: string, server: Server | undefined): string | undefined {
  const address = server?.address() as AddressInfo | null | undefined;
  return address ? `http://${urlHost(host)}:${address.port}` : undefined;
}

export function listen(handler: RequestListener, host: string, port: number, option: string): Promise<Server> {
  const server = createServer(handler);
  // Keep-alive longer than common clients' pools, so benchmarks and browsers reuse connections.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use; pass ${option} <port> (0 picks a free one)`
        : err.code === 'EACCES' ? `no permission to listen on ${host}:${port}; pass ${option} with a port above 1023`
        : `cannot listen on ${host}:${port}: ${err.message}`;
      reject(new LambkinError('USAGE', why, { cause: err }));
    });
    server.listen(port, host, () => resolve(server));
  });
}

/** Stops accepting, ends every open connection (keep-alive ones too) and waits for the close. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

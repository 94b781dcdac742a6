/**
 * lambkin's AWS-compatible endpoint (`--aws-port`): lambkin's own control calls under
 * /__lambkin/, the Lambda Invoke API under /2015-03-31/, and the S3 API for everything else
 * (path-style /{bucket}/{key} or virtual-hosted {bucket}.localhost). Services are mounted in
 * that order; S3 comes last because its paths are anyone's.
 */
import type { Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import { errorDetail } from '../errors.js';
import type { Logger } from '../log.js';
import { closeServer, listen, listenerUrl } from '../sources/listen.js';

export interface AwsService {
  /** Path prefix it owns ('' for S3's catch-all). */
  readonly mountPath: string;
  readonly handler: RequestHandler;
}

export class AwsEndpoint {
  readonly #host: string;
  readonly #port: number;
  readonly #logger: Logger;
  readonly #services: AwsService[] = [];
  #server: Server | undefined;

  constructor(options: { host: string; port: number; logger: Logger }) {
    this.#host = options.host;
    this.#port = options.port;
    this.#logger = options.logger;
  }

  mount(service: AwsService): void {
    this.#services.push(service);
  }

  get url(): string | undefined {
    return listenerUrl(this.#host, this.#server);
  }

  async start(): Promise<void> {
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    const nothingHere: RequestHandler = (req, res) => {
      res.status(404).json({ message: `lambkin's AWS endpoint has nothing at ${req.method} ${req.originalUrl.split('?')[0] ?? ''}` });
    };
    // Longest prefixes first, so '' (S3) is tried last. A service owns its whole prefix: a path
    // it does not know ends there, rather than reaching S3 as a bucket name.
    const ordered = [...this.#services].sort((a, b) => b.mountPath.length - a.mountPath.length);
    for (const service of ordered) {
      if (service.mountPath === '') app.use(service.handler);
      else app.use(service.mountPath, service.handler, nothingHere);
    }
    app.use(nothingHere);
    app.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
      void next;
      this.#logger.error(`aws endpoint: ${req.method} ${req.originalUrl}: ${errorDetail(err)}`);
      if (!res.headersSent) res.status(500).json({ message: 'lambkin internal error', error: String(err) });
    });
    this.#server = await listen(app, this.#host, this.#port, '--aws-port');
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    await closeServer(server);
  }
}

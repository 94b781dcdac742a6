/**
 * The API Gateway source: an express server whose one middleware turns each request into a
 * payload 1.0 or 2.0 event, invokes the routed function and maps the result back, with API
 * Gateway's own answers for no route, oversized bodies, function errors and its integration
 * timeout. The listener stays open across config changes: `update` swaps the router.
 */
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { LambkinConfig } from '../../config/types.js';
import { errorDetail } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { InvocationResult, Invoker } from '../../runtime/types.js';
import type { EventSource } from '../source.js';
import { configuredRoutes, type ConfiguredRoute } from './config-routes.js';
import { applyCors, isPreflight, normalizeCors, preflightResponse, type CorsRules } from './cors.js';
import { interpretInvocationResult } from './from-result.js';
import { gatewayError, integrationTimeoutMs, MAX_REQUEST_PAYLOAD_BYTES } from './gateway-errors.js';
import { apiKindOf, createGatewayRequest, firstHeader, type GatewayRequest } from './request.js';
import { gatewayEventFor, newRequestIds } from './gateway-event.js';
import type { GatewayResponse } from './response.js';
import { createRouter, type Router } from './routes.js';
import { closeServer, listen, listenerUrl } from '../listen.js';

export interface HttpGatewayOptions {
  invoker: Invoker;
  logger: Logger;
  host: string;
  port: number;
  /** Replaces API Gateway's own integration timeouts (tests). */
  integrationTimeoutMs?: number;
}

/** What one configuration means for the gateway, rebuilt whole on every config change. */
interface GatewayState {
  router: Router<ConfiguredRoute>;
  /** HTTP API CORS: one setting for the API, answered by the gateway itself. */
  cors: CorsRules | undefined;
  region: string;
  accountId: string;
}

function stateOf(config: LambkinConfig): GatewayState {
  const routes = configuredRoutes(config);
  const cors = routes.find((r) => r.payload === '2.0' && r.cors !== undefined)?.cors;
  return { router: createRouter(routes), cors: cors === undefined ? undefined : normalizeCors(cors), region: config.region, accountId: config.accountId };
}

export class HttpGateway implements EventSource {
  readonly kind = 'http' as const;
  readonly #o: HttpGatewayOptions;
  #state: GatewayState;
  #server: Server | undefined;

  constructor(config: LambkinConfig, options: HttpGatewayOptions) {
    this.#o = options;
    this.#state = stateOf(config);
  }

  get url(): string | undefined {
    return listenerUrl(this.#o.host, this.#server);
  }

  routes(): readonly ConfiguredRoute[] {
    return this.#state.router.routes.map((r) => r.entry);
  }

  async start(): Promise<void> {
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    const readBody = express.raw({ type: () => true, limit: MAX_REQUEST_PAYLOAD_BYTES });
    const handle = (req: Request, res: Response) => {
      this.#handle(req, res).catch((err: unknown) => {
        this.#o.logger.error(`http: ${req.method} ${req.originalUrl}: ${errorDetail(err)}`);
        if (!res.headersSent) send(res, gatewayError('function-error', this.#state.router.apiKindFor(req.method, req.path)));
      });
    };
    // One middleware: a request without a body (most GETs) skips the body parser's stream
    // machinery, and an express layer less is a few microseconds less per request.
    app.use((req, res, next) => {
      if (!hasBody(req)) handle(req, res);
      else readBody(req, res, (err?: unknown) => (err === undefined ? handle(req, res) : next(err)));
    });
    // express.raw refuses a body over API Gateway's 10 MB limit before any function runs.
    app.use((err: { type?: string; status?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
      void next;
      const api = this.#state.router.apiKindFor(req.method, req.path);
      if (err.type === 'entity.too.large') {
        send(res, gatewayError('payload-too-large', api));
        return;
      }
      this.#o.logger.warn(`http: ${req.method} ${req.path}: request body refused: ${err.message ?? String(err)}`);
      send(res, { statusCode: err.status ?? 400, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify({ message: 'Bad Request' })) });
    });
    this.#server = await listen(app, this.#o.host, this.#o.port, '--port');
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    await closeServer(server);
  }

  async update(config: LambkinConfig): Promise<void> {
    this.#state = stateOf(config);
  }

  async #handle(req: Request, res: Response): Promise<void> {
    const started = performance.now();
    const state = this.#state;
    const request = toGatewayRequest(req);
    // HTTP API's CORS answers preflights for its own paths; a REST resource routes OPTIONS like
    // any other method (its ANY route, or REST's 403), as the two are separate APIs on AWS.
    if (state.cors && isPreflight(request) && state.router.apiKindFor(request.method, request.path) === 'http') {
      send(res, preflightResponse(state.cors, request));
      return;
    }
    const match = state.router.match(request.method, request.path);
    if (!match) {
      send(res, gatewayError('no-route', state.router.apiKindFor(request.method, request.path)));
      return;
    }
    const { payload, functionName } = match.entry;
    const api = apiKindOf(payload);
    const event = gatewayEventFor({ request, match, payload, port: req.socket.localPort ?? 0, region: state.region, accountId: state.accountId });
    const limitMs = this.#o.integrationTimeoutMs ?? integrationTimeoutMs(api);
    const result = await this.#invokeWithin(functionName, event, limitMs);
    let response: GatewayResponse;
    if (result === 'integration-timeout') {
      response = gatewayError('integration-timeout', api);
      this.#o.logger.warn(`http: ${request.method} ${request.path}: ${functionName} is still running after API Gateway's ${limitMs / 1000} s integration timeout; the client got ${response.statusCode}`);
    } else {
      const interpreted = interpretInvocationResult(result, { payload, accept: firstHeader(request, 'accept'), integrationTimeoutMs: limitMs });
      response = interpreted.response;
      if (interpreted.problem) this.#o.logger.warn(`http: ${request.method} ${request.path} -> ${functionName}: ${interpreted.problem}`);
    }
    if (state.cors && api === 'http') response = applyCors(state.cors, request, response);
    send(res, response);
    this.#o.logger.info(`${request.method} ${request.path} -> ${functionName} ${response.statusCode} (${(performance.now() - started).toFixed(1)} ms)`);
  }

  /**
   * API Gateway stops waiting at its integration timeout; the function runs on to its own
   * timeout and is billed for it, so the invocation is left to finish and only logged.
   */
  #invokeWithin(functionName: string, event: unknown, limitMs: number): Promise<InvocationResult | 'integration-timeout'> {
    const invocation = this.#o.invoker.invoke(functionName, event, { source: 'http' });
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        resolve('integration-timeout');
      }, limitMs);
      invocation.then(
        (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        (err: unknown) => {
          clearTimeout(timer);
          // Before the timeout, #handle logs the failure; after it, nobody else is waiting.
          if (timedOut) this.#o.logger.error(`http: invoking ${functionName}: ${String(err)}`);
          else reject(err);
        },
      );
    });
  }
}

function toGatewayRequest(req: Request): GatewayRequest {
  return createGatewayRequest({
    method: req.method,
    target: req.originalUrl,
    rawHeaders: req.rawHeaders,
    body: Buffer.isBuffer(req.body) ? req.body : undefined,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${req.httpVersion}`,
    requestTimeEpochMs: Date.now(),
    ...newRequestIds(),
  });
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function send(res: Response, response: GatewayResponse): void {
  const flat: string[] = [];
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() !== 'content-length' && name.toLowerCase() !== 'transfer-encoding') flat.push(name, value);
  }
  flat.push('content-length', String(response.body.length));
  res.writeHead(response.statusCode, flat);
  res.end(response.body);
}

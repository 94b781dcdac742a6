/**
 * The Lambda Invoke API on the AWS endpoint: `POST /2015-03-31/functions/{FunctionName}/invocations`,
 * as `@aws-sdk/client-lambda`'s InvokeCommand and `aws lambda invoke --endpoint-url` call it
 * (reference/LAMBDA.md §11). RequestResponse runs through the invoker, Event goes to the durable
 * async queue, DryRun only validates. Errors are AWS's, with `x-amzn-ErrorType`.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { v4 as uuidv4 } from 'uuid';
import type { FunctionConfig } from '../config/types.js';
import { errorDetail, InvokeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { InvocationResult, InvokeOptions } from '../runtime/types.js';
import type { AwsService } from './endpoint.js';
import { targetArn, type FunctionTarget } from './function-name.js';
import { EXECUTED_VERSION, syncResponse, type InvokeHttpResponse } from './invoke-response.js';
import { parsePayload, readInvokeRequest, type InvokeRequest } from './invoke-request.js';
import {
  LambdaApiError,
  MAX_SYNC_PAYLOAD_BYTES,
  requestTooLarge,
  resourceNotFound,
  serviceError,
  tooManyRequests,
  unknownOperation,
} from './lambda-errors.js';

export const LAMBDA_API_PATH = '/2015-03-31';

export interface LambdaApiActions {
  /** Read per request: a config reload may change the Region. */
  account(): { region: string; accountId: string };
  logger: Logger;
  /** The deployed function's settings; undefined when no function has that name. */
  functionConfig(functionName: string): FunctionConfig | undefined;
  invoke(functionName: string, event: unknown, options: InvokeOptions): Promise<InvocationResult>;
  /** Writes an `Event` invocation to the durable queue; resolves with its id once it is on disk. */
  enqueue(functionName: string, event: unknown): Promise<string>;
}

export function lambdaApiService(actions: LambdaApiActions): AwsService {
  const router: Router = express.Router();
  const api = new InvokeApi(actions);
  router.post(
    '/functions/:functionName/invocations',
    // Content-Type is not checked: the SDK sends the payload as an untyped blob (§11.1).
    express.raw({ type: () => true, limit: MAX_SYNC_PAYLOAD_BYTES }),
    (req: Request, res: Response, next: NextFunction) => {
      api.handle(req).then((response) => send(res, response), next);
    },
  );
  // Everything else under /2015-03-31 is a Lambda operation lambkin does not have; never S3's.
  router.use((req: Request, _res: Response, next: NextFunction) => next(unknownOperation(req.method, req.originalUrl)));
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    send(res, errorResponse(api.toApiError(err, req)));
  });
  return { mountPath: LAMBDA_API_PATH, handler: router };
}

class InvokeApi {
  readonly #a: LambdaApiActions;
  /** `function:qualifier` pairs already warned about, so a loop of calls warns once. */
  readonly #warnedQualifiers = new Set<string>();

  constructor(actions: LambdaApiActions) {
    this.#a = actions;
  }

  async handle(req: Request): Promise<InvokeHttpResponse> {
    const request = readInvokeRequest({
      functionName: typeof req.params['functionName'] === 'string' ? req.params['functionName'] : '',
      qualifier: typeof req.query['Qualifier'] === 'string' ? req.query['Qualifier'] : undefined,
      invocationType: req.get('x-amz-invocation-type'),
      logType: req.get('x-amz-log-type'),
      clientContext: req.get('x-amz-client-context'),
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    });
    const { target } = request;
    const config = this.#a.functionConfig(target.functionName);
    if (!config) throw resourceNotFound(this.#arn(target));
    const event = parsePayload(request.body);
    this.#warnAboutQualifier(target);
    try {
      switch (request.invocationType) {
        case 'DryRun':
          return { status: 204, headers: { 'x-amzn-RequestId': uuidv4() }, body: Buffer.alloc(0) };
        case 'Event': {
          // Accepted only once on disk, so nothing acknowledged is lost (DESIGN: async invocations).
          const id = await this.#a.enqueue(target.functionName, event);
          return { status: 202, headers: { 'x-amzn-RequestId': id }, body: Buffer.alloc(0) };
        }
        case 'RequestResponse':
          return await this.#invokeSync(request, config, event);
      }
    } catch (err) {
      // The function went away between the lookup and the call (a config reload): AWS's 404.
      if (err instanceof InvokeError && err.code === 'FUNCTION_NOT_FOUND') throw resourceNotFound(this.#arn(target));
      throw err;
    }
  }

  async #invokeSync(request: InvokeRequest, config: FunctionConfig, event: unknown): Promise<InvokeHttpResponse> {
    const result = await this.#a.invoke(request.target.functionName, event, {
      source: 'api',
      type: 'RequestResponse',
      ...(request.clientContext === undefined ? {} : { clientContext: request.clientContext }),
    });
    if (!result.ok && result.record.outcome === 'throttled') {
      // Reserved concurrency caps the function itself; without it the account's unreserved pool ran out (§9).
      throw tooManyRequests(config.reservedConcurrency === undefined ? 'ConcurrentInvocationLimitExceeded' : 'ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    return syncResponse(result, { tail: request.logType === 'Tail', requestId: result.record.requestId });
  }

  #arn(target: FunctionTarget): string {
    const { region, accountId } = this.#a.account();
    return targetArn(region, accountId, target);
  }

  /** lambkin has no versions or aliases: every qualifier runs $LATEST, which the user should know. */
  #warnAboutQualifier(target: FunctionTarget): void {
    const { qualifier, functionName } = target;
    if (qualifier === undefined || qualifier === EXECUTED_VERSION) return;
    const key = `${functionName}:${qualifier}`;
    if (this.#warnedQualifiers.has(key)) return;
    this.#warnedQualifiers.add(key);
    this.#a.logger.warn(`Invoke API: ${key}: lambkin has no versions or aliases, so qualifier '${qualifier}' runs $LATEST`);
  }

  toApiError(err: unknown, req: Request): LambdaApiError {
    if (err instanceof LambdaApiError) return err;
    const bodyError = err as { type?: unknown; length?: unknown };
    if (bodyError.type === 'entity.too.large') {
      const size = typeof bodyError.length === 'number' ? bodyError.length : Number(req.get('content-length') ?? 0);
      return requestTooLarge(size, req.get('x-amz-invocation-type') === 'Event' ? 'Event' : 'RequestResponse');
    }
    // The client hung up while sending: nobody is left to answer, and it is not lambkin's fault.
    if (bodyError.type === 'request.aborted') return serviceError('the client closed the connection');
    this.#a.logger.error(`Invoke API: ${req.method} ${req.originalUrl}: ${errorDetail(err)}`);
    return serviceError(err instanceof Error ? err.message : String(err));
  }
}

function errorResponse(error: LambdaApiError): InvokeHttpResponse {
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': error.errorType, 'x-amzn-RequestId': uuidv4() },
    body: Buffer.from(JSON.stringify(error.body)),
  };
}

function send(res: Response, response: InvokeHttpResponse): void {
  if (res.headersSent) return;
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('Content-Length', String(response.body.length));
  res.end(response.body);
}

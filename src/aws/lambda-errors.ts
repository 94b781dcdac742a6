/**
 * The Lambda API's own error responses (reference/LAMBDA.md §11.3): an HTTP status, the
 * `x-amzn-ErrorType` header the AWS SDKs read the error name from, and AWS's JSON body.
 * Pure: lambda-api.ts throws these and writes them out in one place.
 */

/** Limits of the Invoke request body (reference/LAMBDA.md §4). */
export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** `Event` invocations: 1 MB since Oct 2025 (was 256 KB). */
export const MAX_ASYNC_PAYLOAD_BYTES = 1024 * 1024;

export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

export class LambdaApiError extends Error {
  readonly status: number;
  /** The exact shape name, sent as `x-amzn-ErrorType`. */
  readonly errorType: string;
  readonly body: Readonly<Record<string, string>>;

  constructor(status: number, errorType: string, body: Record<string, string>) {
    super(body['message'] ?? body['Message'] ?? errorType);
    this.name = 'LambdaApiError';
    this.status = status;
    this.errorType = errorType;
    this.body = body;
  }
}

/** AWS's 404 names the function by its ARN, qualifier included when the caller gave one. */
export function resourceNotFound(functionArn: string): LambdaApiError {
  // `Message` with a capital M: the model's ResourceNotFoundException has it so (§11.3).
  return new LambdaApiError(404, 'ResourceNotFoundException', { Type: 'User', Message: `Function not found: ${functionArn}` });
}

/**
 * 413 for a request body over the limit. The wire name is `RequestEntityTooLargeException`, not the
 * SDK model's `RequestTooLargeException`: AWS answers so (aws/aws-sdk#45, aws/aws-sdk-go#3080, and
 * botocore tracebacks from 2017 to 2024), so the JS SDK throws a LambdaServiceException of that name.
 * lambkin copies it, so that error handling written against lambkin works against AWS.
 */
export function requestTooLarge(sizeBytes: number, invocationType: 'RequestResponse' | 'Event'): LambdaApiError {
  const message =
    invocationType === 'Event'
      ? `${sizeBytes} byte payload is too large for the Event invocation type (limit ${MAX_ASYNC_PAYLOAD_BYTES} bytes)`
      : `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`;
  return new LambdaApiError(413, REQUEST_TOO_LARGE_ERROR_TYPE, { Type: 'User', message });
}

export const REQUEST_TOO_LARGE_ERROR_TYPE = 'RequestEntityTooLargeException';

/** 400 for a body that is not JSON; AWS's text, then the parser's reason. */
export function invalidRequestContent(reason: string): LambdaApiError {
  return new LambdaApiError(400, 'InvalidRequestContentException', {
    Type: 'User',
    message: `Could not parse request body into json: Could not parse payload into json: ${reason}`,
  });
}

/** 400 for a client context that is not base64 of a JSON object (lambkin's wording). */
export function invalidClientContext(reason: string): LambdaApiError {
  return new LambdaApiError(400, 'InvalidRequestContentException', { Type: 'User', message: `Client context must be a valid Base64-encoded JSON object: ${reason}` });
}

/** 429: the function (reserved) or the account (unreserved pool) has no environment to spare. */
export function tooManyRequests(reason: ThrottleReason): LambdaApiError {
  return new LambdaApiError(429, 'TooManyRequestsException', { Reason: reason, Type: 'User', message: 'Rate Exceeded.' });
}

export function invalidParameterValue(message: string): LambdaApiError {
  return new LambdaApiError(400, 'InvalidParameterValueException', { Type: 'User', message });
}

/** AWS's request validation, in its usual "1 validation error detected" form. */
export function validationError(field: string, value: string, constraint: string): LambdaApiError {
  return new LambdaApiError(400, 'ValidationException', {
    message: `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
  });
}

/** Anything else on the Lambda API path that lambkin does not emulate. */
export function unknownOperation(method: string, path: string): LambdaApiError {
  return new LambdaApiError(404, 'UnknownOperationException', {
    message: `lambkin emulates only the Invoke operation of the Lambda API (POST /2015-03-31/functions/{FunctionName}/invocations), not ${method} ${path}`,
  });
}

export function serviceError(message: string): LambdaApiError {
  return new LambdaApiError(500, 'ServiceException', { Type: 'Service', message });
}

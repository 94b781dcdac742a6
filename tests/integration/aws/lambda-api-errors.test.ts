import {
  InvalidParameterValueException,
  InvalidRequestContentException,
  LambdaServiceException,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../support/fixture.js';
import { ARN, json, MB, paddedPayload, payloadOf, useLambdaApi } from './lambda-api-harness.js';

const api = useLambdaApi();

describe('Invoke API: errors', () => {
  it('throws ResourceNotFoundException (404) for an unknown function, naming its ARN', async () => {
    const error = await api.invoke({ FunctionName: 'nope', Payload: json({}) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: `Function not found: ${ARN}:nope`, $metadata: { httpStatusCode: 404 } });
  });

  it('throws InvalidRequestContentException (400) for a payload that is not JSON', async () => {
    const error = await api.invoke({ FunctionName: 'echo', Payload: new TextEncoder().encode('not json') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestContentException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 }, message: expect.stringMatching(/^Could not parse request body into json: /) });
  });

  it('refuses a synchronous payload over 6 MB with 413 RequestEntityTooLargeException, as AWS names it on the wire', async () => {
    const error = await api.invoke({ FunctionName: 'echo', Payload: paddedPayload(6 * MB + 1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaServiceException);
    expect(error).toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      $metadata: { httpStatusCode: 413 },
    });
  });

  it('refuses an Event payload over 1 MB with 413, and accepts one of exactly 1 MB', async () => {
    const error = await api.invoke({ FunctionName: 'records', InvocationType: 'Event', Payload: paddedPayload(MB + 1) }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: '1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
      $metadata: { httpStatusCode: 413 },
    });
    const out = await api.invoke({ FunctionName: 'records', InvocationType: 'Event', Payload: paddedPayload(MB, 'big') });
    expect(out.StatusCode).toBe(202);
    await api.lk.whenQueueIdle();
    expect(api.delivered()).toContain('big');
  });

  it('throws TooManyRequestsException (429) with the reserved-concurrency reason for a function reserved at 0', async () => {
    const error = await api.invoke({ FunctionName: 'disabled', Payload: json({}) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error).toMatchObject({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.', $metadata: { httpStatusCode: 429 } });
  });

  it('throws TooManyRequestsException with the account reason when the unreserved pool is busy', async () => {
    await api.lk.whenQueueIdle();
    // accountConcurrency is 2: two slow calls hold every unreserved environment.
    const running = [api.invoke({ FunctionName: 'slow', Payload: json({ ms: 1500 }) }), api.invoke({ FunctionName: 'slow', Payload: json({ ms: 1500 }) })];
    await waitFor(() => (api.lk.registry.get('slow')!.pool.busy === 2 ? true : undefined), 'both slow calls to hold an environment');
    const error = await api.invoke({ FunctionName: 'echo', Payload: json({}) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error).toMatchObject({ Reason: 'ConcurrentInvocationLimitExceeded', $metadata: { httpStatusCode: 429 } });
    expect((await Promise.all(running)).map((o) => o.StatusCode)).toEqual([200, 200]);
  });

  it('turns a response over 6 MB into Function.ResponseSizeTooLarge, and lets one of exactly 6 MB through', async () => {
    const over = await api.invoke({ FunctionName: 'big-response', Payload: json({ bytes: 6 * MB - 1 }) });
    expect(over.StatusCode).toBe(200);
    expect(over.FunctionError).toBe('Unhandled');
    expect(payloadOf(over)).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
    const exact = await api.invoke({ FunctionName: 'big-response', Payload: json({ bytes: 6 * MB - 2 }) });
    expect(exact.FunctionError).toBeUndefined();
    expect(exact.Payload!.length).toBe(6 * MB);
  });

  it('throws InvalidParameterValueException when the name and the Qualifier disagree', async () => {
    const error = await api.invoke({ FunctionName: 'echo:v1', Qualifier: 'v2', Payload: json({}) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });

  it('answers a malformed function name with a ValidationException', async () => {
    const error = await api.invoke({ FunctionName: 'no spaces allowed', Payload: json({}) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 }, message: expect.stringContaining("Value 'no spaces allowed' at 'functionName'") });
  });

  it('answers other Lambda operations with UnknownOperationException instead of falling through to S3', async () => {
    const res = await fetch(`${api.lk.awsUrl}/2015-03-31/functions`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});

describe("lambkin's AWS endpoint", () => {
  it('answers an unknown control path with its own 404 instead of handing it to S3', async () => {
    const res = await fetch(`${api.lk.awsUrl}/__lambkin/no-such-call?x=1`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: "lambkin's AWS endpoint has nothing at POST /__lambkin/no-such-call" });
  });
});

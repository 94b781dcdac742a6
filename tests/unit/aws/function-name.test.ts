import { describe, expect, it } from 'vitest';
import { parseFunctionName, targetArn } from '../../../src/aws/function-name.js';
import { LambdaApiError } from '../../../src/aws/lambda-errors.js';

describe('parseFunctionName', () => {
  it.each([
    ['my-fn', undefined, { functionName: 'my-fn', qualifier: undefined }],
    ['my-fn:v1', undefined, { functionName: 'my-fn', qualifier: 'v1' }],
    ['my-fn', '$LATEST', { functionName: 'my-fn', qualifier: '$LATEST' }],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-fn', undefined, { functionName: 'my-fn', qualifier: undefined }],
    ['arn:aws:lambda:eu-west-1:987654321098:function:my-fn:live', 'live', { functionName: 'my-fn', qualifier: 'live' }],
    ['arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my_fn.v2', undefined, { functionName: 'my_fn.v2', qualifier: undefined }],
    ['123456789012:function:my-fn:7', undefined, { functionName: 'my-fn', qualifier: '7' }],
  ])('reads %s (Qualifier %s)', (raw, qualifier, expected) => {
    expect(parseFunctionName(raw, qualifier)).toEqual(expected);
  });

  it.each([
    ['has a space', 'my fn'],
    ['is empty', ''],
    ['is too long', 'x'.repeat(65)],
    ['has too many parts', 'my-fn:v1:extra'],
    ['is an ARN of another service', 'arn:aws:s3:us-east-1:123456789012:function:my-fn'],
    ['has a short account', '12345:function:my-fn'],
    ['has a bad qualifier', 'my-fn:v.1'],
  ])('answers ValidationException when the name %s', (_what, raw) => {
    const result = parseFunctionName(raw, undefined);
    expect(result).toBeInstanceOf(LambdaApiError);
    expect(result).toMatchObject({ status: 400, errorType: 'ValidationException' });
  });

  it('answers InvalidParameterValueException when the name and the Qualifier disagree', () => {
    expect(parseFunctionName('my-fn:v1', 'v2')).toMatchObject({
      status: 400,
      errorType: 'InvalidParameterValueException',
      body: { message: 'The derived qualifier from the function name does not match the specified qualifier.' },
    });
  });
});

describe('targetArn', () => {
  it('names the function in the account, with the qualifier when there is one', () => {
    expect(targetArn('us-east-1', '123456789012', { functionName: 'nope', qualifier: undefined })).toBe('arn:aws:lambda:us-east-1:123456789012:function:nope');
    expect(targetArn('us-east-1', '123456789012', { functionName: 'nope', qualifier: 'live' })).toBe('arn:aws:lambda:us-east-1:123456789012:function:nope:live');
  });
});

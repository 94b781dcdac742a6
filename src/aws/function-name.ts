/**
 * The Invoke API's `FunctionName` (reference/LAMBDA.md §11.1): a name (`my-fn`), a name with a
 * qualifier (`my-fn:v1`), a full ARN (`arn:aws:lambda:us-east-1:123456789012:function:my-fn[:v1]`)
 * or a partial ARN (`123456789012:function:my-fn[:v1]`), plus the optional `Qualifier` parameter.
 * Pure.
 */
import { invalidParameterValue, validationError, type LambdaApiError } from './lambda-errors.js';
import { functionArn } from '../runtime/function-environment.js';

export interface FunctionTarget {
  functionName: string;
  /** `$LATEST`, a version or an alias; undefined when the caller named none. */
  qualifier: string | undefined;
}

const NAME = /^[a-zA-Z0-9._-]{1,64}$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/;
const PARTITION = /^aws[a-zA-Z-]*$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ACCOUNT = /^\d{12}$/;
// What AWS's validation message quotes for the member (API_Invoke's FunctionName pattern).
const NAME_PATTERN =
  'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

/**
 * The function and qualifier a request names, or the error AWS gives. The Region and account of an
 * ARN are checked for form only: lambkin serves one account, and code that carries its deployed ARN
 * should reach the local function of that name.
 */
export function parseFunctionName(raw: string, qualifierParam: string | undefined): FunctionTarget | LambdaApiError {
  const parsed = splitFunctionName(raw);
  if (parsed === undefined) return validationError('functionName', raw, NAME_PATTERN);
  if (qualifierParam !== undefined && !QUALIFIER.test(qualifierParam)) {
    return validationError('qualifier', qualifierParam, 'Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)');
  }
  if (parsed.qualifier !== undefined && qualifierParam !== undefined && parsed.qualifier !== qualifierParam) {
    return invalidParameterValue('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { functionName: parsed.functionName, qualifier: parsed.qualifier ?? qualifierParam };
}

function splitFunctionName(raw: string): FunctionTarget | undefined {
  const parts = raw.split(':');
  let rest: string[];
  if (parts[0] === 'arn') {
    const [, partition, service, region, account, kind, ...tail] = parts;
    if (!PARTITION.test(partition ?? '') || service !== 'lambda' || !REGION.test(region ?? '') || !ACCOUNT.test(account ?? '') || kind !== 'function') return undefined;
    rest = tail;
  } else if (parts[1] === 'function') {
    const [account, , ...tail] = parts;
    if (!ACCOUNT.test(account ?? '')) return undefined;
    rest = tail;
  } else {
    rest = parts;
  }
  const [functionName, qualifier, ...extra] = rest;
  if (functionName === undefined || !NAME.test(functionName) || extra.length > 0) return undefined;
  if (qualifier !== undefined && !QUALIFIER.test(qualifier)) return undefined;
  return { functionName, qualifier };
}

/** The ARN AWS names in its errors: the account's, with the caller's qualifier if any. */
export function targetArn(region: string, accountId: string, target: FunctionTarget): string {
  const base = functionArn(region, accountId, target.functionName);
  return target.qualifier === undefined ? base : `${base}:${target.qualifier}`;
}

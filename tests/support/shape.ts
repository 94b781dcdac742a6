/** Compares two JSON values by keys and value types only: the check for "same shape as AWS's sample". */

/** The type word used by shape comparison: arrays and null are their own types. */
function typeWord(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Every difference in keys or value types between two JSON values, as `path: expected vs actual`.
 * Arrays are compared element by element against the first expected element's shape.
 */
export function shapeDifferences(expected: unknown, actual: unknown, path = '$', maps: ReadonlySet<string> = new Set()): string[] {
  const want = typeWord(expected);
  const got = typeWord(actual);
  if (want !== got) return [`${path}: ${want} vs ${got}`];
  if (want === 'array') {
    const model = (expected as unknown[])[0];
    if (model === undefined) return [];
    return (actual as unknown[]).flatMap((item, i) => shapeDifferences(model, item, `${path}[${i}]`, maps));
  }
  if (want !== 'object') return [];
  if (maps.has(path)) {
    // A map whose keys are data (headers, query parameters): only its values' types must agree.
    const model = Object.values(expected as Record<string, unknown>)[0];
    if (model === undefined) return [];
    return Object.entries(actual as Record<string, unknown>).flatMap(([k, v]) => shapeDifferences(model, v, `${path}.${k}`, maps));
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const missing = Object.keys(e).filter((k) => !(k in a)).map((k) => `${path}.${k}: missing`);
  const extra = Object.keys(a).filter((k) => !(k in e)).map((k) => `${path}.${k}: unexpected`);
  const nested = Object.keys(e).filter((k) => k in a).flatMap((k) => shapeDifferences(e[k], a[k], `${path}.${k}`, maps));
  return [...missing, ...extra, ...nested];
}

/** The parts of API Gateway events whose keys are request data, not fixed fields. */
export const API_GATEWAY_EVENT_MAPS: ReadonlySet<string> = new Set([
  '$.headers', '$.multiValueHeaders', '$.queryStringParameters', '$.multiValueQueryStringParameters', '$.pathParameters', '$.stageVariables',
]);

/**
 * Reads what a function returned as a Lambda proxy response, per payload format (reference §4),
 * like Sandbox's `_res-validate`: either a normalised response or the reason it is malformed.
 */

export interface ProxyResponse {
  statusCode: number;
  headers: Array<[string, string]>;
  /** Still base64 text when isBase64Encoded. */
  body: string;
  isBase64Encoded: boolean;
}

export type ProxyResponseCheck = { ok: true; response: ProxyResponse } | { ok: false; problem: string };

const V1_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

class Malformed extends Error {}

/**
 * Format 1.0 (REST): an object with a statusCode, nothing else accepted. Unknown top-level keys are
 * refused too: SAM reproduces that from trials against AWS (reference §4.1, UNCONFIRMED in AWS docs),
 * and a typo like `statuscode` should fail here rather than after deploying.
 */
export function readV1Response(payload: unknown): ProxyResponseCheck {
  return guard(() => {
    if (!isRecord(payload)) throw new Malformed(`the function returned ${describe(payload)}, not an object with a statusCode`);
    readStatusCode(payload['statusCode']);
    const unknown = Object.keys(payload).filter((key) => !V1_KEYS.has(key));
    if (unknown.length > 0) {
      throw new Malformed(`unexpected key ${JSON.stringify(unknown[0])}; a response has only ${[...V1_KEYS].join(', ')}`);
    }
    const multi = readMultiValueHeaders(payload['multiValueHeaders']);
    const single = readHeaders(payload['headers']);
    // Both maps are merged; a name in both appears once, multiValueHeaders winning (reference §4.1).
    const multiNames = new Set(multi.map(([name]) => name.toLowerCase()));
    const headers = [...multi, ...single.filter(([name]) => !multiNames.has(name.toLowerCase()))];
    return common(payload, headers);
  });
}

/**
 * Format 2.0 (HTTP API): an object with a statusCode is a structured response (unknown keys ignored,
 * `cookies` become set-cookie headers); anything else is the body of a 200 (reference §4.2).
 */
export function readV2Response(payload: unknown): ProxyResponseCheck {
  return guard(() => {
    if (!isRecord(payload) || !Object.hasOwn(payload, 'statusCode')) {
      // A string is sent as its contents, anything else as its JSON text; a handler that returns
      // nothing reaches API Gateway as JSON `null`.
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
      return { statusCode: 200, headers: [['content-type', 'application/json']], body, isBase64Encoded: false };
    }
    const cookies = readCookies(payload['cookies']).map((c): [string, string] => ['set-cookie', c]);
    return common(payload, [...readHeaders(payload['headers']), ...cookies]);
  });
}

function common(payload: Record<string, unknown>, headers: Array<[string, string]>): ProxyResponse {
  return {
    statusCode: readStatusCode(payload['statusCode']),
    headers,
    body: readBody(payload['body']),
    isBase64Encoded: readFlag(payload['isBase64Encoded']),
  };
}

function guard(read: () => ProxyResponse): ProxyResponseCheck {
  try {
    return { ok: true, response: read() };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, problem: error.message };
    throw error;
  }
}

/** An integer 100-599, or a string of digits that is one (AWS reads `"200"` as 200). */
function readStatusCode(value: unknown): number {
  if (value === undefined || value === null) throw new Malformed('statusCode is missing');
  const code = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 100 || code > 599) {
    throw new Malformed(`statusCode ${JSON.stringify(value)} is not an HTTP status code (an integer 100-599)`);
  }
  return code;
}

function readBody(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new Malformed(`body is ${describe(value)}; it must be a string (JSON.stringify objects yourself)`);
  }
  return value;
}

function readFlag(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new Malformed(`isBase64Encoded is ${describe(value)}, not a boolean`);
  return value;
}

// Header values: strings, numbers and booleans are sent as text; a null value is skipped.
function readHeaders(value: unknown): Array<[string, string]> {
  return readHeaderMap('headers', value, (raw) => [raw]);
}

function readMultiValueHeaders(value: unknown): Array<[string, string]> {
  return readHeaderMap('multiValueHeaders', value, (list, name) => {
    if (!Array.isArray(list)) throw new Malformed(`multiValueHeaders.${name} is ${describe(list)}, not an array`);
    return list;
  });
}

/** Reads a `headers`-style map; `valuesOf` turns one present entry into its list of raw values. */
function readHeaderMap(field: string, value: unknown, valuesOf: (entry: unknown, name: string) => readonly unknown[]): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) throw new Malformed(`${field} is ${describe(value)}, not an object`);
  const headers: Array<[string, string]> = [];
  for (const [name, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    for (const item of valuesOf(entry, name)) headers.push([name, headerText(item, `${field}.${name}`)]);
  }
  return headers;
}

function readCookies(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((c) => typeof c === 'string')) {
    throw new Malformed(`cookies is ${describe(value)}, not an array of strings`);
  }
  return value as string[];
}

function headerText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Malformed(`${where} is ${describe(value)}; header values are strings`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

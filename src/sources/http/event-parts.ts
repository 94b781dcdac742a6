/**
 * Building blocks shared by the payload 1.0 and 2.0 event builders: percent-decoding, query
 * strings, header grouping, CLF time and the media-type rules that decide base64 bodies.
 */
export interface QueryParam {
  name: string;
  value: string;
}

/**
 * Percent-decodes without ever throwing: a malformed escape (`%zz`, a lone `%`, invalid UTF-8) is
 * kept as typed, because API Gateway forwards such requests rather than rejecting them.
 */
export function decodeComponent(text: string, plusAsSpace = false): string {
  const spaced = plusAsSpace ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Parses a raw query string into decoded name/value pairs in order. `+` is a space (a real REST
 * event shows `sort=-+createdAt` arriving as `"- createdAt"`, aws/aws-cdk#19827). A key without
 * `=` has the value `''`. REST also splits on a literal `;` (reference §5.2, [G6]).
 */
export function parseQueryString(raw: string, options: { semicolons: boolean }): QueryParam[] {
  const separator = options.semicolons ? /[&;]/ : /&/;
  const params: QueryParam[] = [];
  for (const part of raw.split(separator)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    params.push({ name: decodeComponent(name, true), value: decodeComponent(value, true) });
  }
  return params;
}

/** Groups values by exact name, keeping first-seen name order and value order. */
export function groupByName(entries: Iterable<readonly [string, string]>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [name, value] of entries) {
    const list = groups.get(name);
    if (list === undefined) groups.set(name, [value]);
    else list.push(value);
  }
  return groups;
}

export function queryPairs(params: readonly QueryParam[]): Array<readonly [string, string]> {
  return params.map((p) => [p.name, p.value] as const);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `compute`, remembering its last answer: for the parts of an event that every request repeats
 * (the same Host, the same second), worked out once rather than per request.
 */
export function rememberingLast<K, V>(compute: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | undefined;
  return (key) => {
    if (last === undefined || last.key !== key) last = { key, value: compute(key) };
    return last.value;
  };
}

/** Common Log Format time in UTC: `01/May/2024:12:00:00 +0000`. */
export function formatClfTime(epochMs: number): string {
  return clfTimeOfSecond(Math.floor(epochMs / 1000));
}

const clfTimeOfSecond = rememberingLast((second: number): string => {
  const d = new Date(second * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? ''}/${d.getUTCFullYear()}`;
  return `${date}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
});

/** `Text/HTML; charset=utf-8` -> `text/html`; undefined for a missing or empty header. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type === '' ? undefined : type;
}

/**
 * HTTP API has no binaryMediaTypes: the body is passed as text only for these types and base64
 * for everything else, a missing Content-Type and form posts included (reference §3, verified
 * against AWS in [G10]). `+json` and other structured suffixes are not in the verified list, so
 * they are base64 too.
 */
export function isHttpApiTextType(mediaType: string | undefined): boolean {
  if (mediaType === undefined) return false;
  if (mediaType.startsWith('text/')) return true;
  return ['application/json', 'application/xml', 'application/javascript'].includes(mediaType);
}

/**
 * REST binaryMediaTypes matching: exact type, `type/*`, or `*\/*` (reference §3). A request without
 * Content-Type matches only `*\/*`.
 */
export function matchesMediaTypes(mediaType: string | undefined, patterns: readonly string[]): boolean {
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    if (pattern === '*/*') return true;
    if (mediaType === undefined) return false;
    if (pattern.endsWith('/*')) return mediaType.startsWith(pattern.slice(0, -1));
    return pattern === mediaType;
  });
}

/**
 * REST resource ids look like `2gxmpl`: six lower-case alphanumerics, fixed per resource. Hashing
 * the resource path keeps the id stable across requests and restarts, as in a deployed API.
 */
export function resourceIdFor(resourcePath: string): string {
  let hash = 0x811c9dc5;
  for (const ch of resourcePath) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(-6);
}

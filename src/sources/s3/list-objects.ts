/**
 * One page of a bucket listing as ListObjects(V2) returns it (reference/EVENTS.md §3.3): keys in
 * UTF-8 byte order, `prefix`, roll-up at `delimiter` into CommonPrefixes, `max-keys` counting
 * keys and prefixes alike, and a position to continue after. Pure: the store supplies the keys.
 */

/** S3 orders keys by their UTF-8 bytes (which differs from JS string order above U+FFFF). */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sortKeys(keys: readonly string[]): string[] {
  return keys
    .map((key) => ({ key, bytes: Buffer.from(key, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((entry) => entry.key);
}

export interface ListParams {
  prefix: string;
  delimiter: string | undefined;
  maxKeys: number;
  /** List only entries (keys or common prefixes) after this one: StartAfter, or a continuation. */
  after: string | undefined;
}

export interface ListPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last entry returned, where the next page starts after. */
  last: string | undefined;
}

/** The entry a key shows as: itself, or the common prefix it rolls up into. */
function entryOf(key: string, prefix: string, delimiter: string | undefined): { entry: string; rolled: boolean } {
  if (delimiter) {
    const at = key.indexOf(delimiter, prefix.length);
    if (at >= 0) return { entry: key.slice(0, at + delimiter.length), rolled: true };
  }
  return { entry: key, rolled: false };
}

/**
 * `sortedKeys` must be in UTF-8 order. Entries come out in that order too: a common prefix sorts
 * before the keys it holds and after every key before them, so a page can end on either kind.
 */
export function listPage(sortedKeys: readonly string[], params: ListParams): ListPage {
  const page: ListPage = { keys: [], commonPrefixes: [], isTruncated: false, last: undefined };
  for (const key of sortedKeys) {
    if (!key.startsWith(params.prefix)) continue;
    const { entry, rolled } = entryOf(key, params.prefix, params.delimiter);
    if (params.after !== undefined && compareUtf8(entry, params.after) <= 0) continue;
    if (entry === page.last) continue;
    if (page.keys.length + page.commonPrefixes.length >= params.maxKeys) {
      page.isTruncated = params.maxKeys > 0;
      break;
    }
    if (rolled) page.commonPrefixes.push(entry);
    else page.keys.push(entry);
    page.last = entry;
  }
  return page;
}

/** Continuation tokens are opaque to clients; ours carry the last entry, base64url-encoded. */
export function encodeContinuationToken(last: string): string {
  return Buffer.from(last, 'utf8').toString('base64url');
}

export function decodeContinuationToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(token) || token === '') return undefined;
  return Buffer.from(token, 'base64url').toString('utf8');
}

/**
 * The mapping between S3 object keys and file names in a bucket folder: reversible for every
 * key, and unable to name anything outside the folder. Pure: no I/O.
 *
 * A key is split at each `/`; each segment becomes one file or folder name. Ordinary names are
 * kept as they are, so `images/cat.png` is the file `images/cat.png` and a file dropped in by hand
 * has the key its path says. Only what a file system cannot hold is escaped, as `%XX`
 * (upper-case hex):
 *   - control characters (U+0000-U+001F, U+007F) and `\` (a separator on Windows);
 *   - a segment `.` or `..` becomes `%2E` or `%2E%2E`;
 *   - an empty segment (a leading `/`, `a//b`, a trailing `/`) becomes the name `%empty`;
 *   - a `%` is written `%25` only where it would otherwise be read as an escape: before two
 *     characters that form one of the escapes above (`00`-`1F`, `7F`, `5C`, `25`, `2E`), when the
 *     segment is exactly a reserved name (`%self`, `%empty`), or before a final `+`. So
 *     `100%.png` and `hello%20world.txt` stay as they are.
 *   - a segment longer than 255 bytes is cut into pieces of at most 200 bytes, each a folder
 *     whose name ends in `%+` (continued in the next name), the last piece at least 16 bytes.
 * Key `a` and key `a/b` can both exist: while `a` is also a folder, the object `a` is the file
 * `a/%self` (`SELF_NAME`). The store moves it when the folder appears or empties.
 * No name produced is empty, `.`, `..`, or holds `/` or NUL, so joining the names under the
 * bucket folder cannot leave it. A file whose name is not what the encoder would write for the
 * key it decodes to (e.g. one holding `%2E` or a raw control character) is "not canonical": it
 * belongs to no key, and the store and watcher skip it with a warning.
 */

export const SELF_NAME = '%self';
export const EMPTY_SEGMENT_NAME = '%empty';
const CONTINUATION = '%+';
const RESERVED: ReadonlySet<string> = new Set([SELF_NAME, EMPTY_SEGMENT_NAME]);
/** NAME_MAX of ext4, APFS and most others. */
const MAX_NAME_BYTES = 255;
const PIECE_BYTES = 200;
const MIN_LAST_PIECE_BYTES = 16;
/** S3's own limit on a key's length (UTF-8 bytes). */
export const MAX_KEY_BYTES = 1024;

/** The escapes a decoder reads; a `%` before one of these pairs must itself be escaped. */
const ESCAPE_PAIR = /^(?:[01][0-9A-F]|7F|5C|25|2E)$/;
const ESCAPE_TOKEN = /%([01][0-9A-F]|7F|5C|25|2E)/g;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

function mustEscape(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f || char === '\\';
}

function hexEscape(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

function percentNeedsEscape(segment: string, index: number): boolean {
  if (ESCAPE_PAIR.test(segment.slice(index + 1, index + 3))) return true;
  if (index === 0 && RESERVED.has(segment)) return true;
  return index === segment.length - 2 && segment[index + 1] === '+';
}

/** One key segment as one name (before cutting long names into pieces). */
export function encodeSegment(segment: string): string {
  if (segment === '') return EMPTY_SEGMENT_NAME;
  if (segment === '.') return '%2E';
  if (segment === '..') return '%2E%2E';
  let name = '';
  for (let i = 0; i < segment.length; i++) {
    // Every escaped character is ASCII, so walking UTF-16 units never splits what it escapes.
    const char = segment[i]!;
    if (mustEscape(char)) name += hexEscape(char);
    else if (char === '%' && percentNeedsEscape(segment, i)) name += '%25';
    else name += char;
  }
  return name;
}

export function decodeSegment(name: string): string {
  if (name === EMPTY_SEGMENT_NAME) return '';
  return name.replace(ESCAPE_TOKEN, (_match, pair: string) => String.fromCharCode(Number.parseInt(pair, 16)));
}

/** Cuts a name longer than the file system allows into folder pieces ending in `%+`. */
function cutLongName(name: string): string[] {
  if (utf8Length(name) <= MAX_NAME_BYTES) return [name];
  const pieces: string[][] = [[]];
  let bytes = 0;
  for (const codePoint of name) {
    const size = utf8Length(codePoint);
    if (bytes + size > PIECE_BYTES) {
      pieces.push([]);
      bytes = 0;
    }
    pieces.at(-1)!.push(codePoint);
    bytes += size;
  }
  // A short last piece could read as `..` or a reserved name: lend it code points from the one before.
  const last = pieces.at(-1)!;
  const before = pieces.at(-2)!;
  while (utf8Length(last.join('')) < MIN_LAST_PIECE_BYTES) last.unshift(before.pop()!);
  return pieces.map((piece, i) => (i < pieces.length - 1 ? `${piece.join('')}${CONTINUATION}` : piece.join('')));
}

export class InvalidKeyError extends Error {
  readonly reason: 'empty' | 'too-long' | 'unsafe';
  constructor(reason: InvalidKeyError['reason'], message: string) {
    super(message);
    this.name = 'InvalidKeyError';
    this.reason = reason;
  }
}

/** The names, from the bucket folder down, of the file that holds `key` (while no folder is in its way). */
export function keyToNames(key: string): string[] {
  if (key === '') throw new InvalidKeyError('empty', 'an object key cannot be empty');
  if (utf8Length(key) > MAX_KEY_BYTES) throw new InvalidKeyError('too-long', `an object key is at most ${MAX_KEY_BYTES} bytes`);
  const names = key.split('/').flatMap((segment) => cutLongName(encodeSegment(segment)));
  for (const name of names) assertSafeName(name);
  return names;
}

/** Defence in depth: whatever the encoder's rules, these names never reach `path.join`. */
function assertSafeName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0') || name.includes('\\')) {
    throw new InvalidKeyError('unsafe', `lambkin bug: unsafe file name ${JSON.stringify(name)} for an object key`);
  }
}

/**
 * The key of the file at `names` (relative to the bucket folder), or undefined when the file
 * holds no key: a name the encoder would not write, a `%self` at the top, a piece without its end.
 */
export function namesToKey(names: readonly string[]): string | undefined {
  const isSelf = names.length > 1 && names.at(-1) === SELF_NAME && !names.at(-2)!.endsWith(CONTINUATION);
  const parts = isSelf ? names.slice(0, -1) : names;
  if (parts.length === 0) return undefined;
  const segments: string[] = [];
  let pending = '';
  parts.forEach((name, i) => {
    if (name.endsWith(CONTINUATION) && i < parts.length - 1) {
      pending += name.slice(0, -CONTINUATION.length);
      return;
    }
    segments.push(decodeSegment(pending + name));
    pending = '';
  });
  const key = segments.join('/');
  let expected: string[];
  try {
    expected = keyToNames(key);
  } catch {
    return undefined;
  }
  if (isSelf) expected.push(SELF_NAME);
  return expected.length === names.length && expected.every((name, i) => name === names[i]) ? key : undefined;
}

/** True when `names` ends at a key segment boundary (not inside a long segment's pieces). */
export function endsSegment(name: string): boolean {
  return !name.endsWith(CONTINUATION);
}

/**
 * The folder under which every key starting with `prefix` lives: the names of the prefix's
 * complete segments (`photos/2024/x` -> `photos`, `2024`); [] when the prefix has no `/`.
 */
export function prefixFolderNames(prefix: string): string[] {
  const end = prefix.lastIndexOf('/');
  if (end < 0) return [];
  return prefix.slice(0, end).split('/').flatMap((segment) => cutLongName(encodeSegment(segment)));
}

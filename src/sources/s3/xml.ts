/**
 * The little XML the S3 API needs: writing response documents (with S3's namespace and escaping
 * that keeps every key intact) and reading the one request body it parses, DeleteObjects'.
 * Pure functions on strings.
 */
import { S3Error } from './s3-error.js';

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for an element. Control characters (which XML 1.0 cannot carry) and CR (which
 * parsers would turn into LF) become character references, as S3 writes them.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']|[\u0000-\u0008\u000B-\u001F\u007F]|\r/g, (char) => ENTITIES[char] ?? `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`);
}

/** `<name>escaped text</name>`, or nothing for an undefined value. */
export function textElement(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>children</name>` from already-built XML. */
export function element(name: string, ...children: string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

export function xmlDocument(root: string, ...children: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${children.join('')}</${root}>`;
}

/** Decodes entities and character references, and unwraps CDATA sections. */
export function unescapeXml(text: string): string {
  return text
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part)))
    .join('');
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]{1,10});/g, (_match, name: string) => {
    const named = NAMED[name];
    if (named !== undefined) return named;
    const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : name.startsWith('#') ? Number.parseInt(name.slice(1), 10) : Number.NaN;
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) throw new S3Error('MalformedXML');
    return String.fromCodePoint(code);
  });
}

export interface DeleteRequest {
  quiet: boolean;
  objects: Array<{ key: string; versionId: string | undefined }>;
}

/** DeleteObjects: `<Delete><Quiet>true</Quiet><Object><Key>k</Key></Object>...</Delete>`, at most 1,000 keys. */
export function parseDeleteRequest(xml: string): DeleteRequest {
  if (!/<Delete[\s>]/.test(xml) || !xml.includes('</Delete>')) throw new S3Error('MalformedXML');
  const objects = [...xml.matchAll(/<Object>([\s\S]*?)<\/Object>/g)].map((match) => {
    const body = match[1]!;
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(body);
    if (!key) throw new S3Error('MalformedXML');
    const versionId = /<VersionId>([\s\S]*?)<\/VersionId>/.exec(body);
    return { key: unescapeXml(key[1]!), versionId: versionId ? unescapeXml(versionId[1]!) : undefined };
  });
  if (objects.length === 0 || objects.length > 1000) throw new S3Error('MalformedXML');
  return { quiet: /<Quiet>\s*true\s*<\/Quiet>/i.test(xml), objects };
}

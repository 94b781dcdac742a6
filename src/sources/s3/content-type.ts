/**
 * Content types for files dropped into a bucket folder by hand, guessed from the extension as
 * `aws s3 cp` and the S3 console do. Objects put through the API keep the type they were sent with.
 */
import { extname } from 'node:path';

/** S3's type for an object stored without one. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.gif': 'image/gif',
  '.gz': 'application/gzip',
  '.htm': 'text/html',
  '.html': 'text/html',
  '.ico': 'image/vnd.microsoft.icon',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.md': 'text/markdown',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.txt': 'text/plain',
  '.wasm': 'application/wasm',
  '.webm': 'video/webm',
  '.webp': 'image/webp',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
};

export function guessContentType(key: string): string {
  return BY_EXTENSION[extname(key).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

import type { S3ServiceException } from '@aws-sdk/client-s3';
/** A running lambkin with its AWS endpoint, an S3 client pointed at it, and ways to look at its folders. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { createLambkin, type Lambkin, type LambkinOptions } from '../../../src/lambkin.js';
import { MemoryLogger } from '../../../src/log.js';
import type { S3Event } from '../../../src/sources/s3/to-event.js';
import { copyFixture, waitFor, type FixtureProject } from '../../support/fixture.js';

export interface S3Harness {
  project: FixtureProject;
  lk: Lambkin;
  s3: S3Client;
  logger: MemoryLogger;
  stop(): Promise<void>;
}

export function s3Client(endpoint: string, extra: Record<string, unknown> = {}): S3Client {
  // The placeholder credentials a function sees; lambkin accepts any signature.
  return new S3Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'LAMBKINLOCALACCESSKEY', secretAccessKey: 'secret' }, ...extra });
}

export async function startS3(fixture: string, options: Partial<LambkinOptions> = {}, prepare?: (dir: string) => void): Promise<S3Harness> {
  const project = copyFixture(fixture);
  prepare?.(project.dir);
  const logger = new MemoryLogger();
  const lk = await createLambkin({ dir: project.dir, awsPort: 0, logger, retry: { retryDelaysMs: [10, 20], throttleBackoffMs: { initial: 10, max: 50 } }, ...options });
  await lk.start();
  const s3 = s3Client(lk.awsUrl!);
  return {
    project, lk, s3, logger,
    async stop() {
      s3.destroy();
      await lk.stop();
      project.remove();
    },
  };
}

/** Every file under `dir` (relative paths), skipping node_modules. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) visit(path);
      else out.push(relative(dir, path));
    }
  };
  visit(dir);
  return out.sort();
}

/** The events the `records` fixture function received (one JSON line each). */
export function recordedEvents(dir: string, functionName: string): S3Event[] {
  const file = join(dir, `${functionName}.events.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as S3Event);
}

/** The raw key of an event record (keys arrive form-encoded). */
export function eventKey(event: S3Event): string {
  return decodeURIComponent(event.Records[0]!.s3.object.key.replace(/\+/g, ' '));
}

let barriers = 0;

/**
 * Drops a file by hand into `bucket` and waits for `functionName` to record it. The watcher
 * reports files in the order they settle, so once the barrier is recorded, every change made
 * before it has been seen: a test can then count events without guessing how long to wait.
 */
export async function barrier(harness: S3Harness, bucket: string, functionName: string): Promise<void> {
  const key = `barrier-${++barriers}.txt`;
  writeFileSync(join(harness.project.dir, 'buckets', bucket, key), key);
  await waitFor(() => (recordedEvents(harness.project.dir, functionName).some((e) => eventKey(e) === key) ? true : undefined), `the barrier ${key}`);
  await harness.lk.whenQueueIdle();
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** The error an SDK call rejects with (a call that succeeds fails the test). */
export async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (err) {
    return err as S3ServiceException;
  }
  throw new Error('expected the call to fail');
}

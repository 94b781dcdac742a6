import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionConfig, LambkinConfig } from '../../../src/config/types.js';
import { MemoryLogger } from '../../../src/log.js';
import { S3Source } from '../../../src/sources/s3/source.js';
import { ObjectStore } from '../../../src/sources/s3/store.js';
import type { S3Event } from '../../../src/sources/s3/to-event.js';
import { waitFor } from '../../support/fixture.js';

type Rule = { bucket: string; events: string[]; prefix?: string; suffix?: string };

function configOf(dir: string, buckets: string[], rules: Record<string, Rule[]>): LambkinConfig {
  const functions = new Map(Object.entries(rules).map(([name, list]) => [name, { name, events: list.map((s3) => ({ s3 })) } as unknown as FunctionConfig]));
  return { dir, configFile: undefined, region: 'eu-central-1', accountId: '123456789012', accountConcurrency: 1000, buckets, functions };
}

const ctx = { requestId: '0123456789ABCDEF', sourceIp: '198.51.100.7' };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function setUp(buckets: string[], rules: Record<string, Rule[]>) {
  const dir = mkdtempSync(join(tmpdir(), 'lambkin-s3-source-'));
  const store = new ObjectStore({ projectDir: dir, logger: new MemoryLogger() });
  const queued: Array<{ functionName: string; event: S3Event }> = [];
  const source = new S3Source(configOf(dir, buckets, rules), {
    store,
    logger: new MemoryLogger(),
    enqueue: async (functionName, event) => {
      queued.push({ functionName, event: event as S3Event });
      return String(queued.length);
    },
    watch: { stabilityMs: 50, pollMs: 10 },
  });
  cleanups.push(async () => {
    await source.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const put = (bucket: string, key: string) => store.put(bucket, key, Readable.from([Buffer.from(key)]), {}, ctx);
  return { dir, store, source, queued, put };
}

describe('S3Source', () => {
  it('queues the event of each matching rule, numbering the configuration ids of a function with several', async () => {
    const { source, queued, put } = setUp(['photos'], {
      resize: [{ bucket: 'photos', events: ['s3:ObjectCreated:*'], suffix: '.jpg' }, { bucket: 'photos', events: ['s3:ObjectCreated:*'], suffix: '.png' }],
      audit: [{ bucket: 'photos', events: ['s3:ObjectRemoved:*'] }],
    });
    await source.start();
    await put('photos', 'a.png');
    await put('photos', 'notes.txt');
    expect(queued.map((q) => [q.functionName, q.event.Records[0]!.s3.configurationId, q.event.Records[0]!.s3.object.key])).toEqual([['resize', 'resize-2', 'a.png']]);
    expect(queued[0]!.event.Records[0]).toMatchObject({ awsRegion: 'eu-central-1', requestParameters: { sourceIPAddress: '198.51.100.7' }, responseElements: { 'x-amz-request-id': ctx.requestId } });
  });

  it('re-reads the rules and creates new buckets on update', async () => {
    const { dir, source, queued, put } = setUp(['photos'], { resize: [{ bucket: 'photos', events: ['s3:ObjectCreated:*'] }] });
    await source.start();
    await source.update(configOf(dir, ['photos', 'videos'], { transcode: [{ bucket: 'videos', events: ['s3:ObjectCreated:Put'] }] }));
    expect(existsSync(join(dir, 'buckets', 'videos'))).toBe(true);
    await put('photos', 'ignored.png');
    await put('videos', 'clip.mp4');
    expect(queued.map((q) => [q.functionName, q.event.Records[0]!.s3.object.key])).toEqual([['transcode', 'clip.mp4']]);
  });

  it('starts watching once the buckets folder exists, when the project had none', async () => {
    const { dir, store, source, queued } = setUp([], { anything: [{ bucket: 'late', events: ['s3:ObjectCreated:*'] }] });
    await source.start();
    expect(existsSync(join(dir, 'buckets'))).toBe(false);
    await store.buckets.create('late');
    // The watcher starts in the background: keep dropping until one file is seen.
    await waitFor(() => {
      writeFileSync(join(dir, 'buckets', 'late', `dropped-${Date.now()}.txt`), 'x');
      return queued.length > 0 ? true : undefined;
    }, 'a file dropped into a bucket created after start');
    expect(queued[0]!.event.Records[0]!.eventName).toBe('ObjectCreated:Put');
  });
});

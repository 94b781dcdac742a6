import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import samplePut from '../../../events/s3-put.json' with { type: 'json' };
import sampleDelete from '../../../events/s3-delete.json' with { type: 'json' };
import type { S3Event } from '../../../src/sources/s3/to-event.js';
import { compareSequencers } from '../../../src/sources/s3/sequencer.js';
import { waitFor } from '../../support/fixture.js';
import { barrier, eventKey, recordedEvents, startS3, type S3Harness } from './s3-harness.js';

let h: S3Harness;
const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');
const bucketPath = (bucket: string, ...names: string[]) => join(h.project.dir, 'buckets', bucket, ...names);
const eventsFor = (fn: string, key: string) => recordedEvents(h.project.dir, fn).filter((e) => eventKey(e) === key);
const waitForEvents = (fn: string, key: string, count = 1) =>
  waitFor(() => (eventsFor(fn, key).length >= count ? eventsFor(fn, key) : undefined), `${count} event(s) for ${key} in ${fn}`);

/** The shape of a JSON value: the same keys at every level, and the type of every leaf. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

beforeAll(async () => {
  h = await startS3('s3');
});
afterAll(async () => {
  await h?.stop();
});

describe('notifications of changes made through the API', () => {
  it('invokes the function once for a put, with the record S3 would send', async () => {
    const put = await h.s3.send(new PutObjectCommand({ Bucket: 'inbox', Key: 'uploads/hello world.txt', Body: 'hello world' }));
    // The event is queued before the PUT is answered, so waiting for the queue is enough.
    await h.lk.whenQueueIdle();
    const [event, ...more] = eventsFor('records', 'uploads/hello world.txt');
    expect(more).toEqual([]);
    expect(shapeOf(event)).toEqual(shapeOf(samplePut));
    const record = event!.Records[0]!;
    expect(record).toMatchObject({
      eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventName: 'ObjectCreated:Put',
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': put.$metadata.requestId, 'x-amz-id-2': put.$metadata.extendedRequestId },
      s3: {
        configurationId: 'records',
        bucket: { name: 'inbox', arn: 'arn:aws:s3:::inbox' },
        object: { key: 'uploads/hello+world.txt', size: 11, eTag: '5eb63bbbe01eeed093cb22bb8f5acdc3' },
      },
    });
    expect(record.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
    // The watcher saw the file the store wrote; it must not announce it a second time.
    await barrier(h, 'inbox', 'records');
    expect(eventsFor('records', 'uploads/hello world.txt')).toHaveLength(1);
  });

  it('announces a delete once, with only key and sequencer, and sequencers that grow', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'inbox', Key: 'short-lived.txt', Body: 'x' }));
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'inbox', Key: 'short-lived.txt' }));
    await h.lk.whenQueueIdle();
    await barrier(h, 'inbox', 'records');
    const events = eventsFor('records', 'short-lived.txt');
    expect(events.map((e) => e.Records[0]!.eventName)).toEqual(['ObjectCreated:Put', 'ObjectRemoved:Delete']);
    expect(shapeOf(events[1])).toEqual(shapeOf(sampleDelete));
    expect(Object.keys(events[1]!.Records[0]!.s3.object)).toEqual(['key', 'sequencer']);
    expect(compareSequencers(events[0]!.Records[0]!.s3.object.sequencer, events[1]!.Records[0]!.s3.object.sequencer)).toBeLessThan(0);
  });

  it('does not announce the store moving "a" to "a/%self" and back as changes of "a"', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'inbox', Key: 'nest', Body: 'parent' }));
    await h.s3.send(new PutObjectCommand({ Bucket: 'inbox', Key: 'nest/child', Body: 'child' }));
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'inbox', Key: 'nest/child' }));
    await barrier(h, 'inbox', 'records');
    expect(eventsFor('records', 'nest').map((e) => e.Records[0]!.eventName)).toEqual(['ObjectCreated:Put']);
    expect(eventsFor('records', 'nest/child').map((e) => e.Records[0]!.eventName)).toEqual(['ObjectCreated:Put', 'ObjectRemoved:Delete']);
  });

  it('sends ObjectCreated:Copy for a copy', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'outbox', Key: 'original.txt', Body: 'copied' }));
    await h.s3.send(new CopyObjectCommand({ Bucket: 'inbox', Key: 'the copy.txt', CopySource: 'outbox/original.txt' }));
    await h.lk.whenQueueIdle();
    expect(eventsFor('records', 'the copy.txt').map((e) => e.Records[0]!.eventName)).toEqual(['ObjectCreated:Copy']);
  });

  it('applies prefix, suffix and event-type filters', async () => {
    for (const key of ['in/match.txt', 'in/other.jpg', 'out/match.txt', 'inside.txt']) {
      await h.s3.send(new PutObjectCommand({ Bucket: 'filtered', Key: key, Body: key }));
    }
    // ObjectCreated:Put only: a copy to a matching key is not announced to `filtered`.
    await h.s3.send(new CopyObjectCommand({ Bucket: 'filtered', Key: 'in/copied.txt', CopySource: 'filtered/out/match.txt' }));
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'filtered', Key: 'in/match.txt' }));
    await h.lk.whenQueueIdle();
    expect(recordedEvents(h.project.dir, 'filtered').map((e) => [eventKey(e), e.Records[0]!.eventName])).toEqual([['in/match.txt', 'ObjectCreated:Put']]);
    expect(recordedEvents(h.project.dir, 'filtered')[0]!.Records[0]!.s3.configurationId).toBe('filtered');
    expect(recordedEvents(h.project.dir, 'deletes').map((e) => [eventKey(e), e.Records[0]!.eventName])).toEqual([['in/match.txt', 'ObjectRemoved:Delete']]);
  });

  it('retries a failing function twice, then writes the event to the dead-letter folder', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'failing', Key: 'poison pill.txt', Body: 'boom' }));
    await h.lk.whenQueueIdle();
    const attempts = readFileSync(join(h.project.dir, 'always-fails.attempts'), 'utf8').trim().split('\n');
    expect(attempts).toEqual(['poison+pill.txt', 'poison+pill.txt', 'poison+pill.txt']);
    const letters = await h.lk.deadLetters();
    const letter = letters.find((d) => d.functionName === 'always-fails');
    expect(letter).toMatchObject({ source: 's3', attempts: 3, condition: 'RetriesExhausted', error: { errorMessage: 'cannot process poison+pill.txt' } });
    expect((letter!.event as S3Event).Records[0]!.s3.object).toMatchObject({ key: 'poison+pill.txt', size: 4 });
    expect(existsSync(join(h.project.dir, '.lambkin', 'dlq', `${letter!.id}.json`))).toBe(true);
  });
});

describe('notifications of files changed by hand', () => {
  it('announces a file copied into the bucket folder once, and serves it', async () => {
    mkdirSync(bucketPath('inbox', 'hand'), { recursive: true });
    copyFileSync(join(h.project.dir, 'lambkin.config.json'), bucketPath('inbox', 'hand', 'copied config.json'));
    const [event] = await waitForEvents('records', 'hand/copied config.json');
    const content = readFileSync(join(h.project.dir, 'lambkin.config.json'));
    expect(event!.Records[0]).toMatchObject({ eventName: 'ObjectCreated:Put', s3: { object: { key: 'hand/copied+config.json', size: content.length, eTag: md5(content) } } });
    await barrier(h, 'inbox', 'records');
    expect(eventsFor('records', 'hand/copied config.json')).toHaveLength(1);
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'inbox', Key: 'hand/copied config.json' }));
    expect(got.ContentType).toBe('application/json');
    expect(got.ETag).toBe(`"${md5(content)}"`);
  });

  it('announces a file still being written only once it is complete', async () => {
    const path = bucketPath('inbox', 'slow-writer.bin');
    const chunk = Buffer.alloc(64 * 1024, 1);
    // Keep writing for well over the watcher's 200 ms stability window, never pausing that long.
    writeFileSync(path, chunk);
    for (let i = 1; i < 25; i++) {
      await new Promise((r) => setTimeout(r, 25));
      appendFileSync(path, chunk);
    }
    const [event] = await waitForEvents('records', 'slow-writer.bin');
    await barrier(h, 'inbox', 'records');
    const events = eventsFor('records', 'slow-writer.bin');
    expect(events).toHaveLength(1);
    expect(event!.Records[0]!.s3.object).toMatchObject({ size: 25 * chunk.length, eTag: md5(readFileSync(path)) });
  });

  it('ignores editor and system temporary files', async () => {
    writeFileSync(bucketPath('inbox', '.DS_Store'), 'x');
    writeFileSync(bucketPath('inbox', 'draft.txt.swp'), 'x');
    writeFileSync(bucketPath('inbox', 'download.crdownload'), 'x');
    await barrier(h, 'inbox', 'records');
    const keys = recordedEvents(h.project.dir, 'records').map(eventKey);
    expect(keys).not.toContain('.DS_Store');
    expect(keys).not.toContain('draft.txt.swp');
    expect(keys).not.toContain('download.crdownload');
  });

  it('announces a hand edit as a new put, a rename as a delete and a put, and a removal as a delete', async () => {
    writeFileSync(bucketPath('inbox', 'edited.txt'), 'first');
    await waitForEvents('records', 'edited.txt', 1);
    writeFileSync(bucketPath('inbox', 'edited.txt'), 'second version');
    const edits = await waitForEvents('records', 'edited.txt', 2);
    expect(edits[1]!.Records[0]!.s3.object).toMatchObject({ size: 14, eTag: md5('second version') });
    renameSync(bucketPath('inbox', 'edited.txt'), bucketPath('inbox', 'renamed.txt'));
    await waitForEvents('records', 'edited.txt', 3);
    await waitForEvents('records', 'renamed.txt', 1);
    rmSync(bucketPath('inbox', 'renamed.txt'));
    await waitForEvents('records', 'renamed.txt', 2);
    await barrier(h, 'inbox', 'records');
    expect(eventsFor('records', 'edited.txt').map((e) => e.Records[0]!.eventName)).toEqual(['ObjectCreated:Put', 'ObjectCreated:Put', 'ObjectRemoved:Delete']);
    expect(eventsFor('records', 'renamed.txt').map((e) => e.Records[0]!.eventName)).toEqual(['ObjectCreated:Put', 'ObjectRemoved:Delete']);
    await expect(h.s3.send(new GetObjectCommand({ Bucket: 'inbox', Key: 'renamed.txt' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('announces a file dropped into a filtered bucket only when it matches', async () => {
    mkdirSync(bucketPath('filtered', 'in'), { recursive: true });
    writeFileSync(bucketPath('filtered', 'in', 'by hand.jpg'), 'no');
    writeFileSync(bucketPath('filtered', 'in', 'by hand.txt'), 'yes');
    await waitForEvents('filtered', 'in/by hand.txt');
    await barrier(h, 'inbox', 'records');
    expect(recordedEvents(h.project.dir, 'filtered').map(eventKey)).not.toContain('in/by hand.jpg');
  });
});

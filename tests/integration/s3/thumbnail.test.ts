import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/fixture.js';
import { startS3, type S3Harness } from './s3-harness.js';

const REPO = resolve(import.meta.dirname, '../../..');
let h: S3Harness;

/** A project holding this repository's S3 examples exactly as shipped: their config and modules. */
function withRepositoryExamples(dir: string): void {
  const config = JSON.parse(readFileSync(join(REPO, 'lambkin.config.json'), 'utf8')) as { buckets: string[]; functions: Record<string, unknown> };
  const functions = { thumbnail: config.functions['thumbnail'], 'on-upload': config.functions['on-upload'] };
  writeFileSync(join(dir, 'lambkin.config.json'), JSON.stringify({ buckets: config.buckets, functions }));
  mkdirSync(join(dir, 'functions'), { recursive: true });
  for (const name of ['thumbnail.ts', 'on-upload.ts']) copyFileSync(join(REPO, 'functions', name), join(dir, 'functions', name));
}

async function picture(width: number, height: number, mime: 'image/png' | 'image/jpeg'): Promise<Buffer> {
  const image = new Jimp({ width, height, color: 0x3366ccff });
  for (let x = 0; x < width; x++) image.setPixelColor(0xff9900ff, x, Math.floor(height / 2));
  return image.getBuffer(mime);
}

beforeAll(async () => {
  h = await startS3('s3-api', {}, withRepositoryExamples);
});
afterAll(async () => {
  await h?.stop();
});

describe('the thumbnail example', () => {
  it('writes a 128-pixel-wide thumbnail of an image put in uploads/images/ to the thumbnails bucket', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'images/cat.png', Body: await picture(400, 300, 'image/png'), ContentType: 'image/png' }));
    await h.lk.whenQueueIdle();
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'thumbnails', Key: 'images/cat.png' }));
    expect(got.ContentType).toBe('image/png');
    const thumbnail = await Jimp.fromBuffer(Buffer.from(await got.Body!.transformToByteArray()));
    expect([thumbnail.width, thumbnail.height]).toEqual([128, 96]);
    expect(existsSync(join(h.project.dir, 'buckets', 'thumbnails', 'images', 'cat.png'))).toBe(true);
  });

  it('makes the thumbnail of a picture dropped into buckets/uploads/images/ by hand', async () => {
    writeFileSync(join(h.project.dir, 'buckets', 'uploads', 'images', 'holiday photo.jpg'), await picture(640, 480, 'image/jpeg'));
    const file = join(h.project.dir, 'buckets', 'thumbnails', 'images', 'holiday photo.jpg');
    const bytes = await waitFor(() => (existsSync(file) ? readFileSync(file) : undefined), 'the thumbnail of holiday photo.jpg', 20_000);
    const thumbnail = await Jimp.fromBuffer(bytes);
    expect([thumbnail.width, thumbnail.height, thumbnail.mime]).toEqual([128, 96, 'image/jpeg']);
  });

  it('skips a file that is not an image, and leaves keys outside images/ to on-upload', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'images/notes.txt', Body: 'not a picture' }));
    await h.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'incoming/dog.png', Body: await picture(200, 100, 'image/png') }));
    await h.lk.whenQueueIdle();
    expect(existsSync(join(h.project.dir, 'buckets', 'thumbnails', 'images', 'notes.txt'))).toBe(false);
    expect(existsSync(join(h.project.dir, 'buckets', 'thumbnails', 'incoming'))).toBe(false);
    expect(await h.lk.deadLetters()).toEqual([]);
    const lines = h.logger.lambdaLines.map((l) => `${l.functionName}: ${l.line}`);
    expect(lines.some((l) => l.startsWith('thumbnail:') && l.includes('skipped s3://uploads/images/notes.txt'))).toBe(true);
    expect(lines.some((l) => l.startsWith('on-upload:') && l.includes('ObjectCreated:Put: s3://uploads/incoming/dog.png'))).toBe(true);
  });
});

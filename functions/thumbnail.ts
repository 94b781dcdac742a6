/**
 * An S3 example: each image put in the `uploads` bucket under `images/` gets a thumbnail, 128
 * pixels wide, under the same key in the `thumbnails` bucket. Written exactly as for AWS:
 * `new S3Client({})` finds lambkin's S3 in AWS_ENDPOINT_URL_S3, which lambkin sets for every
 * function (on AWS it is unset). That endpoint is an IP address (127.0.0.1), so the SDK uses
 * path-style URLs by itself: no `forcePathStyle` needed. Images are decoded and resized by jimp,
 * pure JavaScript (PNG, JPEG, BMP, GIF, TIFF).
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Jimp } from 'jimp';

interface S3Event {
  Records: Array<{ s3: { bucket: { name: string }; object: { key: string } } }>;
}

const WIDTH = 128;
const THUMBNAILS_BUCKET = process.env['THUMBNAILS_BUCKET'] ?? 'thumbnails';
const s3 = new S3Client({});

export const handler = async (event: S3Event) => {
  const written: string[] = [];
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    // Keys arrive URL-encoded in S3 events, spaces as '+'.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    let image: Awaited<ReturnType<typeof Jimp.fromBuffer>>;
    try {
      image = await Jimp.fromBuffer(bytes);
    } catch {
      // Not an image jimp reads: nothing to do, and nothing to retry.
      console.log(`skipped s3://${bucket}/${key}: not a PNG, JPEG, BMP, GIF or TIFF image`);
      continue;
    }
    const mime = image.mime ?? 'image/png';
    if (image.width > WIDTH) image.resize({ w: WIDTH });
    const thumbnail = await image.getBuffer(mime as 'image/png');
    await s3.send(new PutObjectCommand({ Bucket: THUMBNAILS_BUCKET, Key: key, Body: thumbnail, ContentType: mime }));
    console.log(`s3://${bucket}/${key} -> s3://${THUMBNAILS_BUCKET}/${key} (${image.width}x${image.height}, ${thumbnail.length} bytes)`);
    written.push(key);
  }
  return { thumbnails: written };
};

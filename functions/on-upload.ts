/**
 * An S3 example: logs each object that lands in a bucket (see events/s3-put.json). Keys arrive
 * URL-encoded in S3 events, spaces as '+', so they are decoded before use.
 */
interface S3Event {
  Records: Array<{ eventName: string; s3: { bucket: { name: string }; object: { key: string; size?: number } } }>;
}

export const handler = async (event: S3Event) => {
  const objects = event.Records.map((record) => {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    console.log(`${record.eventName}: s3://${record.s3.bucket.name}/${key} (${record.s3.object.size ?? 0} bytes)`);
    return { bucket: record.s3.bucket.name, key };
  });
  return { received: objects.length, objects };
};

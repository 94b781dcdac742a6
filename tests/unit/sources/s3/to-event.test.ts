import { describe, expect, it } from 'vitest';
import samplePut from '../../../../events/s3-put.json' with { type: 'json' };
import sampleDelete from '../../../../events/s3-delete.json' with { type: 'json' };
import {
  decodeS3EventKey,
  encodeS3EventKey,
  hostIdFor,
  toS3Event,
  type ObjectChange,
  type S3EventSettings,
} from '../../../../src/sources/s3/to-event.js';

const putChange: ObjectChange = {
  bucket: 'my-bucket',
  key: 'uploads/hello world.txt',
  kind: 'created',
  eventName: 'ObjectCreated:Put',
  size: 11,
  eTag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"',
  sequencer: '0066322EC0A1B2C3D4',
  time: new Date('2024-05-01T12:00:00.000Z'),
  sourceIp: '203.0.113.10',
  requestId: '7F2A9C41E0B3D856',
  hostId: 'q0ExampleHostId2Xy7mPz4Vb9Nc1Lk6Jh3Gf8Dd5Ss2Aa0Ww7Ee4Rr1Tt9Yy6Uu3Ii',
};

const deleteChange: ObjectChange = {
  bucket: 'my-bucket',
  key: 'uploads/hello world.txt',
  kind: 'removed',
  eventName: 'ObjectRemoved:Delete',
  sequencer: '0066322FEC11223344',
  time: new Date('2024-05-01T12:05:00.000Z'),
  sourceIp: '203.0.113.10',
  requestId: '4B1E6D0C9A27F3E5',
  hostId: 'Zz9ExampleHostIdDeleteQw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz1Xc3Vb5Nm7Qw9=',
};

const settings = (configurationId: string): S3EventSettings => ({ region: 'us-east-1', configurationId });

describe('toS3Event', () => {
  it('builds exactly the reference PutObject event, field order included', () => {
    const event = toS3Event(putChange, settings('on-upload'));
    expect(event).toEqual(samplePut);
    expect(JSON.stringify(event, null, 2)).toBe(JSON.stringify(samplePut, null, 2));
  });

  it('builds exactly the reference DeleteObject event, with no size or eTag', () => {
    const event = toS3Event(deleteChange, settings('on-delete'));
    expect(event).toEqual(sampleDelete);
    expect(JSON.stringify(event, null, 2)).toBe(JSON.stringify(sampleDelete, null, 2));
    expect(Object.keys(event.Records[0]!.s3.object)).toEqual(['key', 'sequencer']);
  });

  it('has exactly one record per event', () => {
    expect(toS3Event(putChange, settings('c')).Records).toHaveLength(1);
  });

  it('carries the copy event name, region, configuration id and bucket ARN when given', () => {
    const change: ObjectChange = { ...putChange, bucket: 'thumbs', eventName: 'ObjectCreated:Copy' };
    const record = toS3Event(change, { region: 'eu-west-1', configurationId: 'resize-0' }).Records[0]!;
    expect(record.eventName).toBe('ObjectCreated:Copy');
    expect(record.awsRegion).toBe('eu-west-1');
    expect(record.s3.configurationId).toBe('resize-0');
    expect(record.s3.bucket).toEqual({
      name: 'thumbs',
      ownerIdentity: { principalId: 'A3NL1KOZZKEXAMPLE' },
      arn: 'arn:aws:s3:::thumbs',
    });
  });

  it('writes eventTime in UTC with milliseconds', () => {
    const change: ObjectChange = { ...putChange, time: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 67)) };
    expect(toS3Event(change, settings('c')).Records[0]!.eventTime).toBe('2025-01-02T03:04:05.067Z');
  });

  it('uses the principal ids from the settings when given', () => {
    const record = toS3Event(putChange, {
      ...settings('c'),
      principalId: 'AWS:AIDALOCAL',
      ownerPrincipalId: 'OWNER',
    }).Records[0]!;
    expect(record.userIdentity.principalId).toBe('AWS:AIDALOCAL');
    expect(record.s3.bucket.ownerIdentity.principalId).toBe('OWNER');
  });

  it('adds versionId between eTag and sequencer only for a versioned change', () => {
    const versioned: ObjectChange = { ...putChange, versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' };
    const object = toS3Event(versioned, settings('c')).Records[0]!.s3.object;
    expect(Object.keys(object)).toEqual(['key', 'size', 'eTag', 'versionId', 'sequencer']);
    expect(object.versionId).toBe('3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY');
    expect(toS3Event(putChange, settings('c')).Records[0]!.s3.object).not.toHaveProperty('versionId');
  });

  it('keeps a delete-marker event free of size and eTag but with its versionId', () => {
    const marker: ObjectChange = { ...deleteChange, eventName: 'ObjectRemoved:DeleteMarkerCreated', versionId: 'v2' };
    const object = toS3Event(marker, settings('c')).Records[0]!.s3.object;
    expect(object).toEqual({ key: 'uploads/hello+world.txt', versionId: 'v2', sequencer: '0066322FEC11223344' });
  });

  it('passes an unquoted eTag through unchanged', () => {
    const change: ObjectChange = { ...putChange, eTag: 'abc-2' };
    expect(toS3Event(change, settings('c')).Records[0]!.s3.object.eTag).toBe('abc-2');
  });

  it('derives a stable x-amz-id-2 from the request id when the change has none', () => {
    const { hostId: _omitted, ...withoutHostId } = putChange;
    const record = toS3Event(withoutHostId, settings('c')).Records[0]!;
    expect(record.responseElements['x-amz-request-id']).toBe('7F2A9C41E0B3D856');
    expect(record.responseElements['x-amz-id-2']).toBe(hostIdFor('7F2A9C41E0B3D856'));
    expect(hostIdFor('7F2A9C41E0B3D856')).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(hostIdFor('A')).not.toBe(hostIdFor('B'));
  });
});

describe('encodeS3EventKey', () => {
  it.each([
    ['uploads/hello world.txt', 'uploads/hello+world.txt'],
    ['red flower.jpg', 'red+flower.jpg'],
    ['a/b/c.tar.gz', 'a/b/c.tar.gz'],
    ['dt=2018-05-04/_SUCCESS', 'dt%3D2018-05-04/_SUCCESS'],
    ['test/10:47:07.log', 'test/10%3A47%3A07.log'],
    ['photo (1).jpg', 'photo+%281%29.jpg'],
    ['c++/notes.txt', 'c%2B%2B/notes.txt'],
    ['100%.txt', '100%25.txt'],
    ["it's~here!", 'it%27s%7Ehere%21'],
    ['a&b?c#d', 'a%26b%3Fc%23d'],
    ['star*.txt', 'star*.txt'],
    ['café.jpg', 'caf%C3%A9.jpg'],
    ['日本.txt', '%E6%97%A5%E6%9C%AC.txt'],
    ['emoji-😀', 'emoji-%F0%9F%98%80'],
    ['', ''],
  ])('encodes %j as %j', (raw, encoded) => {
    expect(encodeS3EventKey(raw)).toBe(encoded);
  });

  it('round-trips through the decoding handlers use', () => {
    for (const raw of ['a b+c/(d)%e', 'ünï cødé/ key', '~!@#$^&=;,']) {
      expect(decodeS3EventKey(encodeS3EventKey(raw))).toBe(raw);
      expect(decodeURIComponent(encodeS3EventKey(raw).replace(/\+/g, ' '))).toBe(raw);
    }
  });
});

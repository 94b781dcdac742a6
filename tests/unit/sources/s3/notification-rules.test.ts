import { describe, expect, it } from 'vitest';
import {
  S3_EVENT_TYPES,
  S3_OVERLAP_MESSAGE,
  eventTypeMatches,
  filterValueProblem,
  findOverlappingRules,
  isEmittedByLambkin,
  isValidS3EventName,
  ruleMatches,
  type FunctionNotificationRule,
  type MatchableChange,
  type S3NotificationRule,
} from '../../../../src/sources/s3/notification-rules.js';

const put = (key: string, bucket = 'uploads'): MatchableChange => ({ bucket, key, eventName: 'ObjectCreated:Put' });
const rule = (over: Partial<S3NotificationRule> = {}): S3NotificationRule => ({
  bucket: 'uploads',
  events: ['s3:ObjectCreated:*'],
  ...over,
});
const fnRule = (functionName: string, over: Partial<S3NotificationRule> = {}): FunctionNotificationRule => ({
  functionName,
  ...rule(over),
});

describe('isValidS3EventName', () => {
  it.each([...S3_EVENT_TYPES])('accepts %s', (name) => {
    expect(isValidS3EventName(name)).toBe(true);
  });

  it.each([
    'ObjectCreated:Put', // the record's eventName, not a configuration name
    's3:ObjectCreated',
    's3:objectcreated:put',
    's3:ObjectCreated:Delete',
    's3:ObjectRemoved:Put',
    's3:*',
    's3:ObjectCreated:Put*',
    's3:ObjectAcl:*',
    's3:TestEvent',
    '',
  ])('refuses %j', (name) => {
    expect(isValidS3EventName(name)).toBe(false);
  });

  it('tells which valid types lambkin can fire', () => {
    expect(isEmittedByLambkin('s3:ObjectCreated:*')).toBe(true);
    expect(isEmittedByLambkin('s3:ObjectRemoved:DeleteMarkerCreated')).toBe(true);
    expect(isEmittedByLambkin('s3:ObjectRestore:Completed')).toBe(false);
    expect(isEmittedByLambkin('s3:ObjectCreated:Nope')).toBe(false);
  });
});

describe('eventTypeMatches', () => {
  it.each([
    ['s3:ObjectCreated:*', 'ObjectCreated:Put', true],
    ['s3:ObjectCreated:*', 'ObjectCreated:Copy', true],
    ['s3:ObjectCreated:*', 'ObjectCreated:CompleteMultipartUpload', true],
    ['s3:ObjectCreated:*', 'ObjectRemoved:Delete', false],
    ['s3:ObjectCreated:Put', 'ObjectCreated:Put', true],
    ['s3:ObjectCreated:Put', 'ObjectCreated:Post', false],
    ['s3:ObjectRemoved:*', 'ObjectRemoved:DeleteMarkerCreated', true],
    ['s3:ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated', false],
    ['ObjectCreated:Put', 'ObjectCreated:Put', false],
  ] as const)('%s covers %s: %s', (configured, emitted, expected) => {
    expect(eventTypeMatches(configured, emitted)).toBe(expected);
  });
});

describe('ruleMatches', () => {
  it('matches any key of the bucket when the rule has no filter', () => {
    expect(ruleMatches(rule(), put('anything/at/all.bin'))).toBe(true);
  });

  it('does not match another bucket', () => {
    expect(ruleMatches(rule(), put('a.jpg', 'thumbnails'))).toBe(false);
  });

  it('does not match an event type the rule does not list', () => {
    const removed: MatchableChange = { bucket: 'uploads', key: 'a.jpg', eventName: 'ObjectRemoved:Delete' };
    expect(ruleMatches(rule(), removed)).toBe(false);
    expect(ruleMatches(rule({ events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete'] }), removed)).toBe(true);
  });

  it('requires both the prefix and the suffix to match', () => {
    const images = rule({ prefix: 'images/', suffix: '.jpg' });
    expect(ruleMatches(images, put('images/cat.jpg'))).toBe(true);
    expect(ruleMatches(images, put('images/cat.png'))).toBe(false);
    expect(ruleMatches(images, put('docs/cat.jpg'))).toBe(false);
  });

  it('compares case-sensitively and treats "*" as a literal character', () => {
    expect(ruleMatches(rule({ suffix: '.jpg' }), put('CAT.JPG'))).toBe(false);
    expect(ruleMatches(rule({ prefix: 'images/*' }), put('images/cat.jpg'))).toBe(false);
    expect(ruleMatches(rule({ prefix: 'images/*' }), put('images/*cat.jpg'))).toBe(true);
  });

  it('matches a key whose prefix and suffix share characters, as plain string checks do', () => {
    expect(ruleMatches(rule({ prefix: 'a.j', suffix: '.jpg' }), put('a.jpg'))).toBe(true);
  });

  it('compares filters with the URL-encoded key, so spaces are written "+"', () => {
    expect(ruleMatches(rule({ prefix: 'my+photos/' }), put('my photos/cat.jpg'))).toBe(true);
    expect(ruleMatches(rule({ prefix: 'my photos/' }), put('my photos/cat.jpg'))).toBe(false);
    expect(ruleMatches(rule({ suffix: '%281%29.jpg' }), put('cat (1).jpg'))).toBe(true);
  });

  it('treats an empty prefix or suffix like no filter, and accepts undefined ones', () => {
    expect(ruleMatches(rule({ prefix: '', suffix: '' }), put('x'))).toBe(true);
    expect(ruleMatches(rule({ prefix: undefined, suffix: undefined }), put('x'))).toBe(true);
  });
});

describe('filterValueProblem', () => {
  it.each(['images/', '.jpg', 'my+photos/', '%281%29', 'dt%3D2024/', 'caf%C3%A9'])('accepts %j', (value) => {
    expect(filterValueProblem(value)).toBeUndefined();
  });

  it('explains a raw space and gives the encoded form', () => {
    expect(filterValueProblem('my photos/')).toContain('"my+photos/"');
  });

  it('gives the encoded form of other special characters', () => {
    expect(filterValueProblem('(1).jpg')).toContain('"%281%29.jpg"');
    expect(filterValueProblem('dt=2024/')).toContain('"dt%3D2024/"');
    expect(filterValueProblem('%2b')).toContain('"%2B"');
  });

  it('warns that "*" is not a wildcard', () => {
    expect(filterValueProblem('images/*')).toMatch(/not a wildcard/);
  });

  it('refuses malformed escapes and over-long values', () => {
    expect(filterValueProblem('%zz')).toMatch(/malformed/);
    expect(filterValueProblem('a'.repeat(1025))).toMatch(/1024/);
  });
});

describe('findOverlappingRules', () => {
  const overlapping = (a: Partial<S3NotificationRule>, b: Partial<S3NotificationRule>): boolean =>
    findOverlappingRules([fnRule('a', a), fnRule('b', b)]).length > 0;

  it('reports two unfiltered rules for the same event type, naming both functions', () => {
    const [overlap, ...rest] = findOverlappingRules([fnRule('thumbs'), fnRule('index')]);
    expect(rest).toEqual([]);
    expect(overlap?.first.functionName).toBe('thumbs');
    expect(overlap?.second.functionName).toBe('index');
    expect(overlap?.bucket).toBe('uploads');
    expect(overlap?.eventTypes).toEqual(['s3:ObjectCreated:*']);
    expect(overlap?.message).toContain('function "thumbs"');
    expect(overlap?.message).toContain('function "index"');
    expect(overlap?.message).toContain(S3_OVERLAP_MESSAGE);
  });

  it('allows the same filters on different buckets', () => {
    expect(overlapping({}, { bucket: 'thumbnails' })).toBe(false);
  });

  it('allows the same filters for different event types', () => {
    expect(overlapping({ events: ['s3:ObjectCreated:*'] }, { events: ['s3:ObjectRemoved:*'] })).toBe(false);
    expect(overlapping({ events: ['s3:ObjectCreated:Put'] }, { events: ['s3:ObjectCreated:Copy'] })).toBe(false);
  });

  it('sees a wildcard and a specific type of its category as a common type', () => {
    const [overlap] = findOverlappingRules([
      fnRule('a', { events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:Delete'] }),
      fnRule('b', { events: ['s3:ObjectCreated:*'] }),
    ]);
    expect(overlap?.eventTypes).toEqual(['s3:ObjectCreated:Put']);
  });

  it('allows non-overlapping prefixes', () => {
    expect(overlapping({ prefix: 'images/' }, { prefix: 'logs/' })).toBe(false);
  });

  it('refuses a prefix that starts another prefix', () => {
    expect(overlapping({ prefix: 'images/' }, { prefix: 'images/2024/' })).toBe(true);
    expect(overlapping({ prefix: 'images' }, { prefix: 'images/' })).toBe(true);
  });

  it('allows .jpg and .png, and a common prefix when the suffixes do not overlap', () => {
    expect(overlapping({ suffix: '.jpg' }, { suffix: '.png' })).toBe(false);
    expect(overlapping({ prefix: 'images/', suffix: '.jpg' }, { prefix: 'images/', suffix: '.png' })).toBe(false);
  });

  it('refuses a suffix that ends another suffix', () => {
    expect(overlapping({ suffix: 'jpg' }, { suffix: '.jpg' })).toBe(true);
  });

  it('refuses a prefix-only rule next to a suffix-only rule, with a key matching both', () => {
    const [overlap] = findOverlappingRules([fnRule('a', { prefix: 'images/' }), fnRule('b', { suffix: '.jpg' })]);
    expect(overlap?.exampleKey).toBe('images/.jpg');
    expect(overlap?.message).toContain('prefix "images/"');
    expect(overlap?.message).toContain('suffix ".jpg"');
  });

  it('allows different prefixes even with the same suffix', () => {
    expect(overlapping({ prefix: 'images/', suffix: '.jpg' }, { prefix: 'logs/', suffix: '.jpg' })).toBe(false);
  });

  it('refuses an unfiltered rule next to any filtered one', () => {
    expect(overlapping({}, { prefix: 'images/', suffix: '.jpg' })).toBe(true);
  });

  it('checks two triggers of the same function too', () => {
    const overlaps = findOverlappingRules([fnRule('resize', { prefix: 'a/' }), fnRule('resize', { prefix: 'a/b/' })]);
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]?.message).toMatch(/function "resize".*function "resize"/);
  });

  it('returns every overlapping pair, in input order', () => {
    const overlaps = findOverlappingRules([fnRule('a'), fnRule('b', { prefix: 'x/' }), fnRule('c', { suffix: '.y' })]);
    expect(overlaps.map((o) => `${o.first.functionName}+${o.second.functionName}`)).toEqual(['a+b', 'a+c', 'b+c']);
  });

  it('returns nothing for no rules or one rule', () => {
    expect(findOverlappingRules([])).toEqual([]);
    expect(findOverlappingRules([fnRule('a')])).toEqual([]);
  });

  it('keeps the rule objects it was given, so the caller can point at them', () => {
    const first = fnRule('a');
    const second = fnRule('b');
    const [overlap] = findOverlappingRules([first, second]);
    expect(overlap?.first).toBe(first);
    expect(overlap?.second).toBe(second);
  });

  it('agrees with ruleMatches: the example key matches both rules', () => {
    const pairs: [Partial<S3NotificationRule>, Partial<S3NotificationRule>][] = [
      [{ prefix: 'images/' }, { suffix: '.jpg' }],
      [{ prefix: 'a', suffix: 'z' }, { prefix: 'ab', suffix: 'yz' }],
      [{}, { prefix: 'p/', suffix: '.s' }],
    ];
    for (const [a, b] of pairs) {
      const [overlap] = findOverlappingRules([fnRule('a', a), fnRule('b', b)]);
      const change = put(overlap!.exampleKey);
      expect(ruleMatches(overlap!.first, change) && ruleMatches(overlap!.second, change)).toBe(true);
    }
  });
});

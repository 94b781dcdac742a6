import { readFileSync } from 'node:fs';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { describe, expect, it } from 'vitest';
import { ruleArn, toEventTime, toScheduledEvent } from '../../../../src/sources/schedule/to-event.js';
import { shapeDifferences } from '../../../support/shape.js';

const SAMPLE_URL = new URL('../../../../events/scheduled.json', import.meta.url);
const sample = JSON.parse(readFileSync(SAMPLE_URL, 'utf8')) as Record<string, unknown>;

const input = {
  time: new Date('2024-05-01T12:00:00Z'),
  region: 'us-east-1',
  accountId: '123456789012',
  ruleName: 'every-five-minutes',
};

describe('toScheduledEvent', () => {
  it('reproduces the reference sample exactly, given its id', () => {
    const event = toScheduledEvent({ ...input, id: '6f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b' });
    expect(event).toEqual(sample);
    expect(JSON.stringify(event)).toBe(JSON.stringify(sample));
  });

  it('has the sample keys, in order, with the same JSON types', () => {
    const event = toScheduledEvent(input);
    expect(Object.keys(event)).toEqual(Object.keys(sample));
    expect(shapeDifferences(sample, event)).toEqual([]);
  });

  it('gives every event its own v4 UUID when no id is passed', () => {
    const first = toScheduledEvent(input);
    const second = toScheduledEvent(input);
    expect(isUuid(first.id)).toBe(true);
    expect(uuidVersion(first.id)).toBe(4);
    expect(second.id).not.toBe(first.id);
  });

  it('writes the fire time without milliseconds, as EventBridge does', () => {
    const event = toScheduledEvent({ ...input, time: new Date('2024-05-01T12:05:37.482Z') });
    expect(event.time).toBe('2024-05-01T12:05:37Z');
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('names the rule by ARN in the region and account given', () => {
    const event = toScheduledEvent({ ...input, region: 'eu-west-1', accountId: '000000000000', ruleName: 'nightly' });
    expect(event.resources).toEqual(['arn:aws:events:eu-west-1:000000000000:rule/nightly']);
    expect(event).toMatchObject({ region: 'eu-west-1', account: '000000000000', detail: {} });
  });

  it('returns a fresh detail object and resources array each time', () => {
    const first = toScheduledEvent(input);
    first.resources.push('mutated');
    expect(toScheduledEvent(input).resources).toHaveLength(1);
  });
});

describe('ruleArn', () => {
  it('builds arn:aws:events:<region>:<account>:rule/<name>', () => {
    expect(ruleArn('us-east-1', '123456789012', 'every-five-minutes')).toBe(
      'arn:aws:events:us-east-1:123456789012:rule/every-five-minutes',
    );
  });
});

describe('toEventTime', () => {
  it('truncates milliseconds rather than rounding them', () => {
    expect(toEventTime(new Date('2024-05-01T12:00:59.999Z'))).toBe('2024-05-01T12:00:59Z');
  });

  it('refuses an invalid date', () => {
    expect(() => toEventTime(new Date('nope'))).toThrow(new RangeError('time must be a valid Date'));
  });
});

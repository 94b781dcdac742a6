import { describe, expect, it } from 'vitest';
import { nextFireNotes } from '../../../src/commands/schedule-text.js';
import { configuredSchedules, upcomingFireTimes } from '../../../src/sources/schedule/configured.js';
import { configOf } from '../../support/config-of.js';

const config = configOf({
  nightly: [{ http: 'GET /' }, { schedule: 'cron(0 2 * * ? *)' }],
  poll: [{ schedule: 'rate(1 hour)' }, { schedule: 'rate(5 minutes)' }],
  paris: [{ schedule: { expression: 'cron(0 9 * * ? *)', timezone: 'Europe/Paris' } }],
  off: [{ schedule: { expression: 'rate(1 day)', enabled: false } }],
  ended: [{ schedule: 'cron(0 12 * * ? 2020)' }],
});
const now = new Date('2024-05-01T12:00:00.400Z');
const upcoming = upcomingFireTimes(configuredSchedules(config), now, 1, new Date('2024-05-01T11:30:00Z'));

describe('nextFireNotes', () => {
  it('gives each schedule, keyed by function and event position, its next fire time once started', () => {
    expect(Object.fromEntries(nextFireNotes(upcoming, true))).toEqual({
      'nightly#1': 'next 2024-05-02T02:00:00Z',
      'poll#0': 'next 2024-05-01T12:30:00Z',
      'poll#1': 'next 2024-05-01T12:05:00Z',
      'paris#0': 'next 2024-05-02T07:00:00Z (cron read in Europe/Paris)',
      'off#0': 'disabled (`lambkin fire` only)',
      'ended#0': 'no fire time ahead',
    });
  });

  it('says a rate() schedule first fires one period after dev starts when nothing runs yet', () => {
    const notes = nextFireNotes(upcoming, false);
    expect(notes.get('poll#0')).toBe('first 1 hour after `lambkin dev` starts');
    expect(notes.get('poll#1')).toBe('first 5 minutes after `lambkin dev` starts');
    expect(notes.get('nightly#1')).toBe('next 2024-05-02T02:00:00Z');
  });
});

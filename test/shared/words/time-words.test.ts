/** The one wording of times. */
import { describe, expect, it } from 'vitest';

import { localTime, relativeTime, whenWords } from '../../../shared/words/time-words';

const now = Date.parse('2026-11-24T12:00:00.000Z');
const at = (ms: number) => new Date(now + ms).toISOString();
const MIN = 60_000;
const DAY = 86_400_000;

describe('relativeTime', () => {
  it('says how far a time is from now, in the units people use', () => {
    const en = { now, locale: 'en-GB' };
    expect(relativeTime(at(-10_000), en)).toBe('now');
    expect(relativeTime(at(-3 * MIN), en)).toBe('3 minutes ago');
    expect(relativeTime(at(-5 * 60 * MIN), en)).toBe('5 hours ago');
    expect(relativeTime(at(-DAY), en)).toBe('yesterday');
    expect(relativeTime(at(6 * DAY + 5 * 60 * MIN), en)).toBe('in 6 days');
    expect(relativeTime(at(-90 * DAY), en)).toBe('3 months ago');
    expect(relativeTime('not a time', en)).toBeUndefined();
  });

  it('words relative times in the language of the sentences around them, whatever the locale of dates', () => {
    expect(relativeTime(at(-3 * MIN), { now, locale: 'de-DE' })).toBe('3 minutes ago');
    expect(relativeTime(at(6 * DAY), { now, language: 'fr' })).toBe('dans 6 jours');
  });
});

describe('localTime and whenWords', () => {
  it('writes the date and time in the locale and time zone asked', () => {
    expect(localTime('2026-12-01T00:00:00.000Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('1 Dec 2026, 00:00');
    expect(localTime('2026-12-01T00:00:00.000Z', { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Nov 30, 2026, 7:00 PM');
    expect(localTime('2026-12-01T00:00:00.000Z', { locale: 'de-DE', timeZone: 'Asia/Tokyo', seconds: true })).toBe('01.12.2026, 09:00:00');
    expect(whenWords('2026-12-01T00:00:00.000Z', { now, locale: 'en-GB', timeZone: 'UTC' })).toBe('in 7 days (1 Dec 2026, 00:00)');
    expect(whenWords('2026-12-01T00:00:00.000Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('on 1 Dec 2026, 00:00');
  });
});

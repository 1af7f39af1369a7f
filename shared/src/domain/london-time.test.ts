import { describe, expect, it } from 'vitest';
import { addCalendarDays, type IsoDate } from './civil-date';
import {
  britishSummerTime,
  deadlineAtEndOf,
  endOfLondonDay,
  endOfLondonDayMs,
  lastSundayOf,
  londonDateOf,
  londonDayLengthHours,
  londonOffsetMinutes,
  startOfLondonDayMs,
  toEpochMs,
  toLondonDate,
} from './london-time';

describe('British Summer Time', () => {
  it('finds the last Sunday of March and October', () => {
    expect(lastSundayOf(2024, 3)).toBe('2024-03-31');
    expect(lastSundayOf(2024, 10)).toBe('2024-10-27');
    expect(lastSundayOf(2025, 3)).toBe('2025-03-30');
    expect(lastSundayOf(2025, 10)).toBe('2025-10-26');
    expect(lastSundayOf(2026, 3)).toBe('2026-03-29');
    expect(lastSundayOf(2026, 10)).toBe('2026-10-25');
  });

  it('starts and ends at 01:00 UTC', () => {
    expect(britishSummerTime(2026)).toEqual({
      startsAtMs: Date.UTC(2026, 2, 29, 1),
      endsAtMs: Date.UTC(2026, 9, 25, 1),
    });
    expect(londonOffsetMinutes('2026-03-29T00:59:59.999Z')).toBe(0);
    expect(londonOffsetMinutes('2026-03-29T01:00:00Z')).toBe(60);
    expect(londonOffsetMinutes('2026-10-25T00:59:59.999Z')).toBe(60);
    expect(londonOffsetMinutes('2026-10-25T01:00:00Z')).toBe(0);
    expect(londonOffsetMinutes('2026-01-15T12:00:00Z')).toBe(0);
    expect(londonOffsetMinutes(Date.UTC(2026, 6, 1))).toBe(60);
  });

  // 16,000 instants: CPU-bound, so on a busy machine it may take several seconds; the time limit
  // is not what this test is about. The disagreements are gathered and compared once.
  it('agrees with the tz database every 6 hours across 2020–2030', { timeout: 60_000 }, () => {
    const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' });
    const disagreements: string[] = [];
    let checked = 0;
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 6 * 3_600_000) {
      const zone = fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
      if (londonOffsetMinutes(ms) !== (zone === 'BST' ? 60 : 0)) disagreements.push(`${new Date(ms).toISOString()} (${zone})`);
      checked++;
    }
    expect(checked).toBe(16_072);
    expect(disagreements).toEqual([]);
  });
});

describe('instants and London dates', () => {
  it('reads ISO timestamps with a zone, and epoch ms', () => {
    expect(toEpochMs('2026-07-01T10:00:00Z')).toBe(Date.UTC(2026, 6, 1, 10));
    expect(toEpochMs('2026-07-01T11:00:00+01:00')).toBe(Date.UTC(2026, 6, 1, 10));
    expect(toEpochMs(12345)).toBe(12345);
  });

  it.each(['2026-07-01T10:00:00', '2026-07-01', 'yesterday', '2026-02-30T10:00:00Z'])(
    'refuses %j as an instant (a zoneless time would depend on the host)',
    (bad) => {
      expect(() => toEpochMs(bad)).toThrow(RangeError);
    },
  );

  it('refuses non-finite epoch values', () => {
    expect(() => toEpochMs(Number.NaN)).toThrow(RangeError);
  });

  it('gives the London calendar day of an instant', () => {
    expect(londonDateOf('2026-07-01T23:30:00Z')).toBe('2026-07-02'); // 00:30 BST
    expect(londonDateOf('2026-07-01T22:59:59.999Z')).toBe('2026-07-01');
    expect(londonDateOf('2026-01-01T23:30:00Z')).toBe('2026-01-01'); // GMT
    expect(londonDateOf('2026-12-31T23:59:59.999Z')).toBe('2026-12-31');
    expect(londonDateOf('2026-07-02T00:30:00+01:00')).toBe('2026-07-02');
  });

  it('uses a civil date anchor as is and converts an instant anchor', () => {
    expect(toLondonDate('2026-07-01')).toBe('2026-07-01');
    expect(toLondonDate('2026-07-01T23:30:00Z')).toBe('2026-07-02');
    expect(toLondonDate(Date.UTC(2026, 6, 1, 23, 30))).toBe('2026-07-02');
  });
});

describe('start and end of a London day', () => {
  it('ends a winter day at 23:59:59.999 UTC and a summer day at 22:59:59.999 UTC', () => {
    expect(endOfLondonDay('2026-01-15')).toBe('2026-01-15T23:59:59.999Z');
    expect(endOfLondonDay('2026-07-01')).toBe('2026-07-01T22:59:59.999Z');
  });

  it('handles the clock-change days', () => {
    expect(endOfLondonDay('2026-03-28')).toBe('2026-03-28T23:59:59.999Z');
    expect(endOfLondonDay('2026-03-29')).toBe('2026-03-29T22:59:59.999Z'); // spring forward
    expect(endOfLondonDay('2026-10-24')).toBe('2026-10-24T22:59:59.999Z');
    expect(endOfLondonDay('2026-10-25')).toBe('2026-10-25T23:59:59.999Z'); // fall back
    expect(startOfLondonDayMs('2026-03-29')).toBe(Date.UTC(2026, 2, 29, 0));
    expect(startOfLondonDayMs('2026-03-30')).toBe(Date.UTC(2026, 2, 29, 23));
    expect(startOfLondonDayMs('2026-10-25')).toBe(Date.UTC(2026, 9, 24, 23));
    expect(startOfLondonDayMs('2026-10-26')).toBe(Date.UTC(2026, 9, 26, 0));
  });

  it('has 23- and 25-hour days', () => {
    expect(londonDayLengthHours('2026-03-29')).toBe(23);
    expect(londonDayLengthHours('2026-10-25')).toBe(25);
    expect(londonDayLengthHours('2026-06-01')).toBe(24);
  });

  it('for every day 2020–2030, the end is 23:59:59.999 London time and the next ms is the next day', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const local = (ms: number) => {
      const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    };
    for (let d: IsoDate = '2020-01-01'; d <= '2030-12-31'; d = addCalendarDays(d, 1)) {
      const end = endOfLondonDayMs(d);
      expect(local(end)).toBe(`${d} 23:59:59`);
      expect(local(end + 1)).toBe(`${addCalendarDays(d, 1)} 00:00:00`);
      expect(londonDateOf(end)).toBe(d);
      expect(londonDateOf(end + 1)).toBe(addCalendarDays(d, 1));
    }
  });
});

describe('deadlineAtEndOf', () => {
  it('pairs the due day with the instant it ends', () => {
    expect(deadlineAtEndOf('2026-07-06')).toEqual({
      dueOn: '2026-07-06',
      dueAt: '2026-07-06T22:59:59.999Z',
      dueAtMs: Date.UTC(2026, 6, 6, 22, 59, 59, 999),
    });
  });
});

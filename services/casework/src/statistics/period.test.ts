import { describe, expect, it } from 'vitest';
import { describePeriod, financialYearOf, fourQuartersTo, inPeriod, lastQuarter, periodInstants, periodQuerySchema, quarterOf, quartersIn, samePeriodLastYear } from './period';

describe('statistics periods', () => {
  it('finds the calendar quarter and last quarter of a date', () => {
    expect(quarterOf('2026-05-17')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterOf('2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(lastQuarter('2026-12-01')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(lastQuarter('2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('puts the same period last year beside it (29 February becomes 28 February)', () => {
    expect(samePeriodLastYear({ from: '2026-04-01', to: '2026-06-30' })).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(samePeriodLastYear({ from: '2024-02-29', to: '2024-03-31' })).toEqual({ from: '2023-02-28', to: '2023-03-31' });
  });

  it('knows the financial year and the quarters in a range', () => {
    expect(financialYearOf('2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(financialYearOf('2026-04-01')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(quartersIn({ from: '2025-11-15', to: '2026-04-02' }).map((q) => q.from)).toEqual(['2025-10-01', '2026-01-01', '2026-04-01']);
    expect(fourQuartersTo(quarterOf('2026-08-01')).map((q) => q.from)).toEqual(['2025-10-01', '2026-01-01', '2026-04-01', '2026-07-01']);
  });

  it('counts an instant by its London date (23:30Z on 30 June is 1 July in London)', () => {
    const q2 = { from: '2026-04-01', to: '2026-06-30' };
    expect(inPeriod(new Date('2026-06-30T22:59:59Z'), q2)).toBe(true);
    expect(inPeriod(new Date('2026-06-30T23:30:00Z'), q2)).toBe(false);
    expect(inPeriod(null, q2)).toBe(false);
    expect(periodInstants(q2)).toEqual({ startMs: Date.parse('2026-03-31T23:00:00Z'), endMs: Date.parse('2026-06-30T23:00:00Z') });
  });

  it('validates ?from=&to=, naming the field', () => {
    const issue = (q: unknown) => periodQuerySchema.safeParse(q).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(periodQuerySchema.parse({})).toEqual({});
    expect(issue({ from: '2026-02-30', to: '2026-03-01' })?.[0]?.[0]).toBe('from');
    expect(issue({ from: '2026-01-01' })).toEqual([['to', 'give to (YYYY-MM-DD) with from']]);
    expect(issue({ from: '2026-03-01', to: '2026-01-01' })).toEqual([['to', 'to must be on or after from']]);
    expect(issue({ from: '2000-01-01', to: '2026-01-01' })?.[0]?.[0]).toBe('to');
  });

  it('describes a quarter as a quarter and any other range by its dates', () => {
    expect(describePeriod({ from: '2026-04-01', to: '2026-06-30' })).toBe('Q2 2026 (April to June)');
    expect(describePeriod({ from: '2026-04-02', to: '2026-06-30' })).toBe('2 April 2026 to 30 June 2026');
  });
});

import { describe, expect, it } from 'vitest';
import { datePartsOf, readDateInput } from './date-input';

const read = (day: string, month: string, year: string) => readDateInput({ day, month, year }, 'The date it happened');

describe('GOV.UK date input', () => {
  it('reads the three boxes as an ISO date', () => {
    expect(read('3', '2', '2026')).toEqual({ kind: 'date', iso: '2026-02-03' });
    expect(read('29', '02', '2024')).toEqual({ kind: 'date', iso: '2024-02-29' });
    expect(datePartsOf({ 'when-day': ' 7 ', 'when-month': '11', 'when-year': '2026' }, 'when')).toEqual({ day: '7', month: '11', year: '2026' });
  });

  it('leaves a blank date to the schema', () => {
    expect(read('', '', '')).toEqual({ kind: 'blank' });
  });

  it('says which parts are missing, and points at the first', () => {
    expect(read('3', '', '2026')).toEqual({ kind: 'invalid', message: 'The date it happened must include a month', part: 'month' });
    expect(read('3', '', '')).toEqual({ kind: 'invalid', message: 'The date it happened must include a month and year', part: 'month' });
  });

  it('refuses what is not a real date', () => {
    expect(read('31', '2', '2026')).toMatchObject({ kind: 'invalid', message: 'The date it happened must be a real date', part: 'day' });
    expect(read('1', '13', '2026')).toMatchObject({ kind: 'invalid', part: 'month' });
    expect(read('x', '1', '2026')).toMatchObject({ kind: 'invalid', message: 'The date it happened must be a real date', part: 'day' });
    expect(read('1', '1', '26')).toEqual({ kind: 'invalid', message: 'Year must include 4 numbers', part: 'year' });
  });
});

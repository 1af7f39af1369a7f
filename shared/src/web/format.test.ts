import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, humanise } from './format';

describe('dates as GOV.UK writes them, in London time', () => {
  it('writes the hour after noon as 12, not 0', () => {
    expect(formatDateTime('2026-12-01T12:46:00Z')).toBe('1 December 2026 at 12:46pm');
    expect(formatDateTime('2026-12-01T00:05:00Z')).toBe('1 December 2026 at 12:05am');
  });
  it('uses British Summer Time in summer', () => {
    expect(formatDateTime('2026-07-01T13:30:00Z')).toBe('1 July 2026 at 2:30pm');
    expect(formatDate('2026-07-01')).toBe('1 July 2026');
  });
  it('reads codes as words', () => {
    expect(humanise('psd-handler')).toBe('PSD handler');
    expect(humanise('misconduct:written-warning')).toBe('Misconduct: written warning');
  });
});

import { describe, expect, it } from 'vitest';
import { formatReference, parseReference, referenceYear } from './reference';

describe('case references', () => {
  it('pads the number to six digits', () => {
    expect(formatReference({ prefix: 'CO', year: 2026, seq: 123 })).toBe('CO-2026-000123');
    expect(formatReference({ prefix: 'CO', year: 2026, seq: 1 })).toBe('CO-2026-000001');
  });
  it('keeps counting past 999999 rather than wrapping', () => {
    expect(formatReference({ prefix: 'CO', year: 2026, seq: 1_234_567 })).toBe('CO-2026-1234567');
  });
  it('refuses nonsense', () => {
    expect(() => formatReference({ prefix: 'co', year: 2026, seq: 1 })).toThrow(RangeError);
    expect(() => formatReference({ prefix: 'CO', year: 26, seq: 1 })).toThrow(RangeError);
    expect(() => formatReference({ prefix: 'CO', year: 2026, seq: 0 })).toThrow(RangeError);
    expect(() => formatReference({ prefix: 'CO', year: 2026, seq: 1.5 })).toThrow(RangeError);
  });
  it('parses what it formats, and nothing else', () => {
    expect(parseReference('CO-2026-000123')).toEqual({ prefix: 'CO', year: 2026, seq: 123 });
    expect(parseReference('CO-2026-123')).toBeNull();
    expect(parseReference('CO-2026-000123 ')).toBeNull();
    expect(parseReference("CO-2026-000123' OR 1=1")).toBeNull();
  });
  it('takes the year at New Year from UTC, which is London time in winter', () => {
    expect(referenceYear(new Date('2026-12-31T23:59:59.999Z'))).toBe(2026);
    expect(referenceYear(new Date('2027-01-01T00:00:00.000Z'))).toBe(2027);
  });
});

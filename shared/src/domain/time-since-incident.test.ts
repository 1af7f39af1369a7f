import { describe, expect, it } from 'vitest';
import { lateComplaint } from './time-since-incident';

describe('a complaint made more than 12 months after the incident', () => {
  it('is flagged with the whole months since', () => {
    expect(lateComplaint('2025-01-10', '2026-03-15T10:00:00Z')).toEqual({ incidentOn: '2025-01-10', monthsAfter: 14 });
    expect(lateComplaint('2025-01-10', '2026-01-11')).toEqual({ incidentOn: '2025-01-10', monthsAfter: 12 });
  });
  it('is not flagged at 12 months to the day, or when the date is unknown', () => {
    expect(lateComplaint('2025-01-10', '2026-01-10')).toBeUndefined();
    expect(lateComplaint('2025-06-01', '2026-01-10')).toBeUndefined();
    expect(lateComplaint(undefined, '2026-01-10')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { figuresOf, published } from './figures';
import { FIXTURE, Q2_2025, Q2_2026 } from './fixture';
import { reportCsv, reportSections, type StatisticsReport } from './report';

const report: StatisticsReport = published({
  period: Q2_2026,
  lastYearPeriod: Q2_2025,
  figures: figuresOf(FIXTURE, Q2_2026),
  lastYear: figuresOf(FIXTURE, Q2_2025),
  trend: [],
});

describe('the statistics report', () => {
  it('lists every figure beside last year, each with the cases behind it', () => {
    const rows = reportSections(report).flatMap((s) => s.rows);
    expect(rows.find((r) => r.label === 'Cases logged')).toEqual({ label: 'Cases logged', value: 3, lastYear: 1, drill: { figure: 'logged' } });
    expect(rows.find((r) => r.label === 'Average time to finalise under Schedule 3, excluding suspension')).toMatchObject({ value: 31, lastYear: null, unit: 'working days' });
    // Categories of either year: delivery of duties had 1 this year, 2 last year.
    expect(rows.find((r) => r.label === 'Delivery of duties and service')).toMatchObject({ value: 1, lastYear: 2, drill: { figure: 'category' } });
    expect(rows.find((r) => r.label === 'Reviews upheld by the local policing body')).toMatchObject({ value: 100, lastYear: null, unit: '%' });
    expect(rows.every((r) => r.drill)).toBe(true);
  });

  it('writes the same rows as CSV, with the timeliness tables', () => {
    const lines = reportCsv(report).split('\r\n');
    expect(lines[0]).toBe('section,figure,unit,2026-04-01 to 2026-06-30,2025-04-01 to 2025-06-30');
    expect(lines).toContain('Cases and allegations logged,Cases logged,count,3,1');
    expect(lines).toContain('Cases logged under Schedule 3,Cases logged under Schedule 3 as a share of cases logged,%,66.7,0');
    expect(lines).toContain(',complaint,first-contact,3,2,4.4,66.7,1');
    expect(lines).toContain(',first-contact,3,2,4.4,66.7,1,2');
  });
});

import { describe, expect, it } from 'vitest';
import { FIXTURE, Q2_2026 } from './fixture';
import { slaTimeliness, stageTimeliness } from './timeliness';

describe('timeliness per stage and per SLA', () => {
  it('gives median and 90th percentile working days, % within the SLA and breaches per stage', () => {
    const rows = stageTimeliness(FIXTURE, Q2_2026);
    // First contact, left in Q2: C1 Thu 2 → Wed 8 Apr = 2; C2 Fri 1 → Tue 5 May = 1; C3 Mon 13 → Mon 20 Apr = 5.
    // Sorted [1, 2, 5]: median 2; p90 = 2 + 0.8 × 3 = 4.4. Within: C1 and C2 left by their due dates, C3 breached: 2/3.
    // C4's first contact left on 2 July: not counted.
    const fc = rows.find((r) => r.stage === 'first-contact')!;
    expect(fc).toMatchObject({ kind: 'complaint', completed: 3, medianWorkingDays: 2, breaches: 1 });
    expect(fc.p90WorkingDays).toBeCloseTo(4.4, 10);
    expect(fc.withinSlaPercent).toBeCloseTo(66.667, 2);
    // Assessment: C1 Wed 8 → Tue 14 Apr = 4 (9, 10, 13, 14); C2 Tue 5 → Mon 11 May = 4 (6, 7, 8, 11). Both in time.
    expect(rows.find((r) => r.stage === 'assessment')).toEqual({ kind: 'complaint', stage: 'assessment', completed: 2, medianWorkingDays: 4, p90WorkingDays: 4, withinSlaPercent: 100, breaches: 0 });
    // The conduct matter's stage is its own line, with no SLA: Sun 10 → Tue 12 May = 2.
    expect(rows.find((r) => r.kind === 'conduct')).toEqual({ kind: 'conduct', stage: 'severity-assessment', completed: 1, medianWorkingDays: 2, p90WorkingDays: 2, withinSlaPercent: null, breaches: 0 });
    // The open handling stage has no figure yet.
    expect(rows.map((r) => r.stage)).not.toContain('handling');
  });

  it('gives the same per SLA (task), with escalations', () => {
    const rows = slaTimeliness(FIXTURE, Q2_2026);
    // First-contact tasks: the same 1, 2, 5 days; C3's was completed after its due date (a breach) and escalated twice.
    const fc = rows.find((r) => r.task === 'first-contact')!;
    expect(fc).toMatchObject({ completed: 3, medianWorkingDays: 2, breaches: 1, escalations: 2 });
    expect(fc.p90WorkingDays).toBeCloseTo(4.4, 10);
    expect(fc.withinSlaPercent).toBeCloseTo(66.667, 2);
    expect(rows.find((r) => r.task === 'assessment')).toEqual({ task: 'assessment', completed: 1, medianWorkingDays: 4, p90WorkingDays: 4, withinSlaPercent: 100, breaches: 0, escalations: 0 });
    // C3's handling task is still open.
    expect(rows.map((r) => r.task)).toEqual(['assessment', 'first-contact']);
  });
});

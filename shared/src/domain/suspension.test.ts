import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES } from './calendar';
import { isSuspendableStage, pausesWhileSuspended, resumedDueOn, workingDaysExcludingSuspension, workingDaysSuspended } from './suspension';

const cal = ENGLAND_AND_WALES;

describe('suspension (C&M reg 40)', () => {
  it('pauses the handling and assessment deadlines, not updates, reports or the review window', () => {
    expect(pausesWhileSuspended('handling')).toBe(true);
    expect(pausesWhileSuspended('assessment')).toBe(true);
    for (const t of ['complainant-update', 'long-running-report', 'iopc-referral', 'outcome-notification']) expect(pausesWhileSuspended(t)).toBe(false);
    expect(isSuspendableStage('handling')).toBe(true);
    expect(isSuspendableStage('review-window')).toBe(false);
  });

  it('counts working days suspended, across a bank holiday, once each', () => {
    // Mon 2026-12-21 to Mon 2027-01-04: 25 Dec (Fri) and 28 Dec (Mon, substitute Boxing Day) and 1 Jan are holidays.
    // Working days in [21 Dec, 4 Jan): 21,22,23,24, 29,30,31 = 7.
    expect(workingDaysSuspended('2026-12-18', '2027-01-15', [{ from: '2026-12-21', to: '2027-01-04' }], cal)).toBe(7);
    // Overlapping periods count a day once.
    expect(workingDaysSuspended('2026-12-18', '2027-01-15', [{ from: '2026-12-21', to: '2026-12-24' }, { from: '2026-12-22', to: '2026-12-29' }], cal)).toBe(4);
  });

  it('gives the IOPC’s days excluding suspension, and moves a paused due date on', () => {
    // Fri 18 Dec → Fri 15 Jan: (18 Dec, 15 Jan] has 4 + 3 + 5 + 5 = 17 working days (21–24, 29–31 Dec, 4–8, 11–15 Jan); 7 suspended.
    expect(cal.workingDaysBetween('2026-12-18', '2027-01-15')).toBe(17);
    expect(workingDaysExcludingSuspension('2026-12-18', '2027-01-15', [{ from: '2026-12-21', to: '2027-01-04' }], cal)).toBe(10);
    expect(resumedDueOn('2027-01-08', 7, cal)).toBe('2027-01-19');
    expect(resumedDueOn('2027-01-08', 0, cal)).toBe('2027-01-08');
  });

  it('counts an open suspension up to the end of the range', () => {
    expect(workingDaysSuspended('2026-12-18', '2026-12-24', [{ from: '2026-12-21' }], cal)).toBe(3);
  });
});

describe('who may suspend and resume, and when (C&M regs 40–41)', () => {
  it('lets the appropriate authority suspend an open procedure once, and resume it', async () => {
    const { resumeRefusal, suspendRefusal } = await import('./suspension');
    const manager = { role: 'psd-manager' };
    expect(suspendRefusal({ stage: 'handling', actor: manager })).toBeNull();
    expect(suspendRefusal({ stage: 'handling', actor: { role: 'psd-handler' } })).toMatch(/only a PSD manager or the head of PSD/);
    expect(suspendRefusal({ stage: 'handling', suspendedSince: '2026-05-01', actor: manager })).toMatch(/already suspended \(since 2026-05-01\)/);
    expect(suspendRefusal({ stage: 'review-window', actor: manager })).toMatch(/no investigation or other procedure to suspend/);
    expect(resumeRefusal({ stage: 'handling', actor: manager })).toBe('the complaint is not suspended');
    expect(resumeRefusal({ stage: 'handling', suspendedSince: '2026-05-01', actor: { role: 'head-of-psd' } })).toBeNull();
  });
});

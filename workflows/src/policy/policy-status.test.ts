import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_POLICY,
  ENGLAND_AND_WALES,
  WEEKENDS_ONLY,
  endOfLondonDayMs,
  escalationStep,
  startOfLondonDayMs,
} from '@probity/shared/domain/index';
import { dueSoonFrom, escalationRecipientForLevel, noticeAt, planNotices, policyReviewSla, policyStatus } from './policy-status';

const cal = ENGLAND_AND_WALES;
/** The force's lead times: 3 months, 1 month, 1 week before the due day. */
const sla = policyReviewSla(DEFAULT_SLA_POLICY, [{ months: 3 }, { months: 1 }, { weeks: 1 }]);

describe('policyStatus', () => {
  it('shows P02 (next review July 2024, §7.1) as overdue in November 2026', () => {
    expect(policyStatus('2024-07-01', '2026-11-23', cal, sla)).toBe('overdue');
    expect(policyStatus('2024-07-01', '2026-11-23', cal, DEFAULT_SLA_POLICY)).toBe('overdue');
  });

  it('is due soon from the first reminder day (the longest lead time) through the due day itself', () => {
    const due = '2027-01-11';
    expect(dueSoonFrom(due, cal, sla)).toBe('2026-10-11');
    expect(policyStatus(due, '2026-10-10', cal, sla)).toBe('in-date');
    expect(policyStatus(due, '2026-10-11', cal, sla)).toBe('due-soon');
    expect(policyStatus(due, '2027-01-11', cal, sla)).toBe('due-soon');
    expect(policyStatus(due, '2027-01-12', cal, sla)).toBe('overdue');
  });

  it('takes the lead times from the SLA policy it is given', () => {
    // The default policy reminds 28 and 7 days ahead: mid-November is still in date for a January review.
    expect(policyStatus('2027-01-11', '2026-11-23', cal, DEFAULT_SLA_POLICY)).toBe('in-date');
    expect(policyStatus('2027-01-11', '2026-11-23', cal, sla)).toBe('due-soon');
    expect(policyStatus('2027-01-11', '2026-12-14', cal, DEFAULT_SLA_POLICY)).toBe('due-soon');
  });

  it('reads instants as London days: 23:30 UTC on the due day in summer is already the next day', () => {
    expect(policyStatus('2024-07-01', '2024-07-01T22:30:00Z', cal, sla)).toBe('due-soon');
    expect(policyStatus('2024-07-01', '2024-07-01T23:30:00Z', cal, sla)).toBe('overdue');
    // In winter London is on UTC.
    expect(policyStatus('2027-01-11', '2027-01-11T23:30:00Z', cal, sla)).toBe('due-soon');
  });

  it('with no reminders a policy is in date until it is overdue', () => {
    const none = policyReviewSla(DEFAULT_SLA_POLICY, []);
    expect(dueSoonFrom('2027-01-11', cal, none)).toBeUndefined();
    expect(policyStatus('2027-01-11', '2027-01-11', cal, none)).toBe('in-date');
    expect(policyStatus('2027-01-11', '2027-01-12', cal, none)).toBe('overdue');
  });
});

describe('policyReviewSla', () => {
  it('replaces only the reminder lead times, leaving the (frozen) base untouched', () => {
    expect(policyReviewSla(DEFAULT_SLA_POLICY)).toBe(DEFAULT_SLA_POLICY);
    expect(sla.policyReview).toEqual({ interval: { years: 2 }, remindBefore: [{ months: 3 }, { months: 1 }, { weeks: 1 }] });
    expect(sla.escalation).toEqual(DEFAULT_SLA_POLICY.escalation);
    expect(DEFAULT_SLA_POLICY.policyReview.remindBefore).toEqual([{ calendarDays: 28 }, { calendarDays: 7 }]);
  });
});

describe('review notices', () => {
  const due = '2027-01-11';
  const reminderDays = ['2026-10-11', '2026-12-11', '2027-01-04'];

  it('orders the reminders (start of each reminder day), then escalations every 5 working days after the due day ends', () => {
    const notices = [0, 1, 2, 3, 4, 5].map((i) => noticeAt(due, i, cal, sla));
    expect(notices.slice(0, 3)).toEqual(reminderDays.map((on, index) => ({ kind: 'reminder', index, on, atMs: startOfLondonDayMs(on) })));
    expect(notices[3]).toEqual({ kind: 'overdue', step: 0, on: due, atMs: endOfLondonDayMs(due) + 1 });
    expect(notices[4]).toEqual({ kind: 'overdue', step: 1, on: '2027-01-18', atMs: endOfLondonDayMs('2027-01-18') + 1 });
    expect(notices[5]!.on).toBe('2027-01-25');
    for (let i = 1; i < notices.length; i++) expect(notices[i]!.atMs).toBeGreaterThan(notices[i - 1]!.atMs);
  });

  it('owes nothing before the first reminder and wakes for it', () => {
    const plan = planNotices(due, startOfLondonDayMs('2026-10-11') - 1, cal, sla);
    expect(plan.owed).toBeUndefined();
    expect(plan.next).toMatchObject({ kind: 'reminder', index: 0, on: '2026-10-11' });
  });

  it('owes only the latest notice whose time has come', () => {
    expect(planNotices(due, startOfLondonDayMs('2026-10-11'), cal, sla)).toMatchObject({ owed: { index: 0 }, next: { index: 1 } });
    // Started late, on the due day: the last reminder, not all three.
    const onDueDay = planNotices(due, startOfLondonDayMs(due) + 12 * 3600_000, cal, sla);
    expect(onDueDay.owed).toMatchObject({ kind: 'reminder', index: 2, on: '2027-01-04' });
    expect(onDueDay.next).toMatchObject({ kind: 'overdue', step: 0 });
    // The instant the due day ends it is overdue.
    expect(planNotices(due, endOfLondonDayMs(due), cal, sla).owed).toMatchObject({ kind: 'reminder' });
    expect(planNotices(due, endOfLondonDayMs(due) + 1, cal, sla).owed).toMatchObject({ kind: 'overdue', step: 0 });
  });

  it('finds the current escalation step of a long-overdue policy (P02, overdue since July 2024)', () => {
    const stepAt = (k: number) => escalationStep('2024-07-01', k, cal, sla).at.dueAtMs + 1;
    for (const now of ['2024-07-02', '2024-09-30', '2026-11-23', '2031-03-01', '2049-12-31']) {
      const nowMs = startOfLondonDayMs(now) + 9 * 3600_000;
      const plan = planNotices('2024-07-01', nowMs, cal, sla);
      expect(plan.owed?.kind).toBe('overdue');
      const k = (plan.owed as { step: number }).step;
      // The defining property: step k has come, step k+1 has not.
      expect(stepAt(k)).toBeLessThanOrEqual(nowMs);
      expect(stepAt(k + 1)).toBeGreaterThan(nowMs);
      expect(plan.next).toMatchObject({ kind: 'overdue', step: k + 1, atMs: stepAt(k + 1) });
    }
    // About one step a working week: 2024-07-02 is step 0; late November 2026 is past step 120.
    expect(planNotices('2024-07-01', startOfLondonDayMs('2024-07-02'), cal, sla).owed).toMatchObject({ step: 0 });
    expect((planNotices('2024-07-01', startOfLondonDayMs('2026-11-23'), cal, sla).owed as { step: number }).step).toBeGreaterThan(120);
  });

  it('counts escalation intervals in working days from the calendar it is given', () => {
    // From Thu 24 Dec 2026, 5 working days skip Christmas, Boxing Day (observed Mon 28 Dec) and New Year's Day.
    expect(noticeAt('2026-12-24', 4, cal, sla)).toMatchObject({ step: 1, on: '2027-01-05' });
    expect(noticeAt('2026-12-24', 4, WEEKENDS_ONLY, sla)).toMatchObject({ step: 1, on: '2026-12-31' });
  });

  it('escalates by level along the chain: the owner\'s manager first, then the head of PSD, staying there', () => {
    expect([1, 2, 3, 7].map((level) => escalationRecipientForLevel(due, level, cal, sla))).toEqual(['manager', 'head-of-psd', 'head-of-psd', 'head-of-psd']);
    expect(() => escalationRecipientForLevel(due, 0, cal, sla)).toThrow(RangeError);
  });
});

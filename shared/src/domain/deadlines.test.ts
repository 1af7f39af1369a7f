import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES as cal } from './calendar';
import {
  DEFAULT_SLA_POLICY as policy,
  appealNoticeDue,
  escalationSchedule,
  escalationStep,
  firstContactDue,
  iopcReferralDue,
  isBreached,
  isDueForDisposal,
  isReviewApplicationInTime,
  longRunningReportDue,
  nextUpdateDue,
  officerResponseDue,
  outcomeNotificationDue,
  parseSlaPolicy,
  policyReviewDue,
  policyReviewReminderDates,
  psdAssessmentDue,
  responseAfterReferralDue,
  retentionEndsOn,
  reviewDecisionDue,
  reviewWindowCloses,
  rprpReviewDue,
  slaPolicySchema,
  updateDueDates,
  type SlaPolicy,
} from './deadlines';

const withChanges = (changes: (p: SlaPolicy) => void): SlaPolicy => {
  const copy = structuredClone(policy) as SlaPolicy;
  changes(copy);
  return parseSlaPolicy(copy);
};

describe('DEFAULT_SLA_POLICY', () => {
  it('is version 2026-11 and valid', () => {
    expect(policy.version).toBe('2026-11');
    expect(slaPolicySchema.parse(policy)).toEqual(policy);
  });

  it('holds the DOMAIN.md defaults', () => {
    expect(policy.complaint).toEqual({
      firstContact: { workingDays: 2 },
      psdAssessment: { workingDays: 10 },
      iopcReferral: { workingDays: 1 },
      firstUpdate: { weeks: 4 },
      updateInterval: { weeks: 4 },
      outcomeNotification: { workingDays: 5 },
      reviewWindow: { calendarDays: 28 },
    });
    expect(policy.longRunning).toEqual({ firstReport: { months: 12 }, interval: { months: 6 } });
    expect(policy.conduct).toEqual({
      responseToNotice: { workingDays: 10 },
      responseAfterReferral: { workingDays: 15 },
      appealNotice: { workingDays: 7 },
      rprpReview: { months: 12 },
    });
    expect(policy.retention).toEqual({ years: 6 });
    expect(policy.escalation.chain).toEqual(['manager', 'head-of-psd']);
    expect(policy.escalation.repeatEvery).toEqual({ workingDays: 5 });
  });

  it('is frozen, so no code can change the deadlines of running workflows by mutating it', () => {
    expect(() => {
      (policy.complaint.firstContact as { workingDays: number }).workingDays = 3;
    }).toThrow(TypeError);
    expect(() => {
      (policy.escalation.chain as string[]).push('chief-constable');
    }).toThrow(TypeError);
  });

  it('rejects invalid policies with a path to the problem', () => {
    const broken = structuredClone(policy) as unknown as Record<string, Record<string, unknown>>;
    broken.complaint!.firstContact = { workingDays: -2 };
    const result = slaPolicySchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.slice(0, 2)).toEqual(['complaint', 'firstContact']);
    expect(() => withChanges((p) => ((p.escalation as { chain: string[] }).chain = []))).toThrow();
    expect(() => withChanges((p) => ((p.escalation as { chain: string[] }).chain = ['sergeant']))).toThrow();
    expect(() => withChanges((p) => ((p as { version: string }).version = ''))).toThrow();
  });
});

describe('isBreached', () => {
  it('is breached only after the last millisecond of the due day', () => {
    const d = firstContactDue('2026-11-20', cal, policy);
    expect(isBreached(d, d.dueAtMs)).toBe(false);
    expect(isBreached(d, d.dueAtMs + 1)).toBe(true);
    expect(isBreached(d, '2026-11-24T23:59:59.999Z')).toBe(false);
    expect(isBreached(d, '2026-11-25T00:00:00Z')).toBe(true);
  });
});

describe('complaint deadlines', () => {
  it('first contact: 2 working days after receipt, ending at the end of the London day', () => {
    expect(firstContactDue('2026-11-20T15:00:00Z', cal, policy)).toEqual({
      dueOn: '2026-11-24',
      dueAt: '2026-11-24T23:59:59.999Z',
      dueAtMs: Date.UTC(2026, 10, 24, 23, 59, 59, 999),
    });
    expect(firstContactDue('2026-11-21T09:00:00Z', cal, policy).dueOn).toBe('2026-11-24'); // Saturday
  });

  it('first contact: received late at night counts by the London date', () => {
    expect(firstContactDue('2026-07-02T22:59:00Z', cal, policy).dueOn).toBe('2026-07-06'); // Thu 23:59 BST
    expect(firstContactDue('2026-07-02T23:30:00Z', cal, policy).dueOn).toBe('2026-07-07'); // Fri 00:30 BST
  });

  it('PSD assessment: 10 working days, skipping Christmas and New Year', () => {
    expect(psdAssessmentDue('2026-12-18', cal, policy).dueOn).toBe('2027-01-06');
  });

  it('IOPC referral: by the end of the next working day', () => {
    expect(iopcReferralDue('2026-11-20T10:00:00Z', cal, policy).dueAt).toBe('2026-11-23T23:59:59.999Z');
    expect(iopcReferralDue('2026-12-24T10:00:00Z', cal, policy).dueOn).toBe('2026-12-29');
    expect(iopcReferralDue('2026-04-02', cal, policy).dueOn).toBe('2026-04-07'); // Easter
  });

  it('complainant updates: 4 weeks after handling starts, then every 4 weeks', () => {
    expect(nextUpdateDue('2026-01-05', 1, cal, policy).dueOn).toBe('2026-02-02');
    expect(nextUpdateDue('2026-01-05', 2, cal, policy).dueOn).toBe('2026-03-02');
    expect(nextUpdateDue('2026-01-05', 3, cal, policy).dueAt).toBe('2026-03-30T22:59:59.999Z'); // BST
    expect(() => nextUpdateDue('2026-01-05', 0, cal, policy)).toThrow(RangeError);
  });

  it('updateDueDates yields the same schedule without end', () => {
    const gen = updateDueDates('2026-01-05', cal, policy);
    const firstFour = [gen.next().value, gen.next().value, gen.next().value, gen.next().value].map((d) => d.dueOn);
    expect(firstFour).toEqual(['2026-02-02', '2026-03-02', '2026-03-30', '2026-04-27']);
  });

  it('outcome notification: 5 working days', () => {
    expect(outcomeNotificationDue('2026-12-21', cal, policy).dueOn).toBe('2026-12-30');
  });
});

describe('review window (C&M reg 29: 28 days from the day after being told)', () => {
  const toldOn = '2026-03-01'; // day 0

  it('closes on day 28', () => {
    expect(reviewWindowCloses(toldOn, cal, policy).dueOn).toBe('2026-03-29');
    expect(reviewWindowCloses(toldOn, cal, policy).dueAt).toBe('2026-03-29T22:59:59.999Z'); // clocks changed that day
  });

  it('day 27 and day 28 are in time, day 29 is not', () => {
    expect(isReviewApplicationInTime(toldOn, '2026-03-28', cal, policy)).toBe(true); // day 27
    expect(isReviewApplicationInTime(toldOn, '2026-03-29', cal, policy)).toBe(true); // day 28
    expect(isReviewApplicationInTime(toldOn, '2026-03-30', cal, policy)).toBe(false); // day 29
  });

  it('an application on the day of being told is in time', () => {
    expect(isReviewApplicationInTime(toldOn, toldOn, cal, policy)).toBe(true);
  });

  it('judges an instant by its London date', () => {
    expect(isReviewApplicationInTime(toldOn, '2026-03-29T22:30:00Z', cal, policy)).toBe(true); // 23:30 BST, day 28
    expect(isReviewApplicationInTime(toldOn, '2026-03-29T23:30:00Z', cal, policy)).toBe(false); // 00:30 BST, day 29
  });

  it('counts calendar days: weekends and bank holidays do not extend it', () => {
    expect(reviewWindowCloses('2026-12-01', cal, policy).dueOn).toBe('2026-12-29');
  });
});

describe('long-running reports (C&M reg 13 / Conduct reg 19)', () => {
  it('are due at 12 months, then every 6 months', () => {
    const due = [1, 2, 3, 4].map((n) => longRunningReportDue('2026-02-10', n, cal, policy).dueOn);
    expect(due).toEqual(['2027-02-10', '2027-08-10', '2028-02-10', '2028-08-10']);
  });

  it('clamp to month end without drifting', () => {
    const due = [1, 2, 3, 4].map((n) => longRunningReportDue('2025-08-31', n, cal, policy).dueOn);
    expect(due).toEqual(['2026-08-31', '2027-02-28', '2027-08-31', '2028-02-29']);
    expect(longRunningReportDue('2024-02-29', 1, cal, policy).dueOn).toBe('2025-02-28');
    expect(longRunningReportDue('2024-02-29', 2, cal, policy).dueOn).toBe('2025-08-29');
  });
});

describe('retention (§10.1)', () => {
  it('keeps a closed case 6 years by default', () => {
    expect(retentionEndsOn('2026-02-28', cal, policy)).toBe('2032-02-28');
    expect(isDueForDisposal('2026-02-28', '2032-02-28', cal, policy)).toBe(false);
    expect(isDueForDisposal('2026-02-28', '2032-02-29', cal, policy)).toBe(true);
  });

  it('is configurable', () => {
    const sevenYears = withChanges((p) => {
      p.retention = { years: 7 };
    });
    expect(retentionEndsOn('2026-02-28', cal, sevenYears)).toBe('2033-02-28');
  });
});

describe('conduct deadlines', () => {
  it('officer response to notice: 10 working days (reg 18), across Easter', () => {
    expect(officerResponseDue('2026-03-30', cal, policy).dueOn).toBe('2026-04-15');
  });

  it('response after referral to proceedings: 15 working days (reg 31), across two May bank holidays', () => {
    expect(responseAfterReferralDue('2026-05-01', cal, policy).dueOn).toBe('2026-05-26');
  });

  it('appeal notice: 7 working days after the outcome report (reg 45)', () => {
    expect(appealNoticeDue('2026-12-21', cal, policy).dueOn).toBe('2027-01-04');
  });

  it('RPRP review: within 12 months (reg 70)', () => {
    expect(rprpReviewDue('2026-06-15', cal, policy).dueOn).toBe('2027-06-15');
  });
});

describe('policy reviews (§7.1)', () => {
  it('are due two years after the last review', () => {
    expect(policyReviewDue('2022-07-15', cal, policy).dueOn).toBe('2024-07-15');
  });

  it('remind the owner 28 and 7 days ahead, earliest first', () => {
    expect(policyReviewReminderDates('2024-07-15', cal, policy)).toEqual(['2024-06-17', '2024-07-08']);
  });
});

describe('escalation', () => {
  it('goes to the manager when the due day ends, then up the chain every 5 working days', () => {
    const steps = [0, 1, 2].map((k) => escalationStep('2026-12-23', k, cal, policy));
    expect(steps.map((s) => [s.recipient, s.at.dueOn])).toEqual([
      ['manager', '2026-12-23'],
      ['head-of-psd', '2027-01-04'],
      ['head-of-psd', '2027-01-11'],
    ]);
    expect(steps[0]!.at.dueAt).toBe('2026-12-23T23:59:59.999Z');
  });

  it('escalationSchedule yields the same steps', () => {
    const gen = escalationSchedule('2026-12-23', cal, policy);
    const first = [gen.next().value, gen.next().value, gen.next().value];
    expect(first).toEqual([0, 1, 2].map((k) => escalationStep('2026-12-23', k, cal, policy)));
  });

  it('follows a configured chain', () => {
    const single = withChanges((p) => {
      p.escalation = { chain: ['head-of-psd'], repeatEvery: { calendarDays: 1 } };
    });
    const gen = escalationSchedule('2026-12-23', cal, single);
    expect([gen.next().value, gen.next().value].map((s) => [s.recipient, s.at.dueOn])).toEqual([
      ['head-of-psd', '2026-12-23'],
      ['head-of-psd', '2026-12-24'],
    ]);
  });

  it('rejects negative or fractional steps', () => {
    expect(() => escalationStep('2026-12-23', -1, cal, policy)).toThrow(RangeError);
    expect(() => escalationStep('2026-12-23', 1.5, cal, policy)).toThrow(RangeError);
  });
});

describe('policy versions', () => {
  it('use the policy passed in, not the default', () => {
    const v2 = withChanges((p) => {
      p.version = '2027-01';
      p.complaint.firstContact = { calendarDays: 3 };
    });
    expect(firstContactDue('2026-11-20', cal, v2).dueOn).toBe('2026-11-23');
    expect(firstContactDue('2026-11-20', cal, policy).dueOn).toBe('2026-11-24');
  });
});

describe('reviewDecisionDue', () => {
  it('asks the review body for its decision within 20 working days by default, or the policy’s own target', () => {
    // Applied Mon 14 Dec 2026: 8 working days to Thu 24 Dec, Fri 25 and Mon 28 (Boxing Day's substitute) are holidays, 3 more to
    // Thu 31, Fri 1 Jan is a holiday, then 9 more → Thu 14 Jan 2027 (20).
    expect(reviewDecisionDue('2026-12-14', cal, policy).dueOn).toBe('2027-01-14');
    const quick = withChanges((p) => {
      p.complaint.reviewDecision = { workingDays: 5 };
    });
    expect(reviewDecisionDue('2026-12-14', cal, quick).dueOn).toBe('2026-12-21');
  });
});

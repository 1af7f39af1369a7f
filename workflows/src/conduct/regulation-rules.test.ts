import { describe, expect, it } from 'vitest';
import { TaskRefusal } from '../casework/task-rules';
import {
  appealRouteFor,
  checkDocumentsSupplied,
  checkHearingOutcome,
  checkLongRunningReport,
  checkOutcomeReportGiven,
  checkWindowExtension,
  responseAfterReferralApplies,
} from './regulation-rules';

const refusalOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TaskRefusal);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
};
const constable = { kind: 'officer', rank: 'constable' } as const;
const noFww = { liveFinalWrittenWarning: false };

describe('Conduct reg 45(1): the appeal route', () => {
  it('an officer other than a senior officer appeals from a meeting to an appeal meeting', () => {
    expect(appealRouteFor('misconduct-meeting', constable)).toEqual({ route: 'internal', basis: 'Conduct reg 45' });
    expect(appealRouteFor('misconduct-meeting', { kind: 'officer', rank: 'chief-superintendent' }).route).toBe('internal');
  });
  it('a senior officer (above chief superintendent) goes to the Police Appeals Tribunal', () => {
    const r = appealRouteFor('misconduct-meeting', { kind: 'officer', rank: 'assistant-chief-constable' });
    expect(r).toMatchObject({ route: 'police-appeals-tribunal', reason: expect.stringMatching(/Conduct reg 45\(1\).*Police Appeals Tribunal/) });
  });
  it('no appeal meeting from a hearing', () => {
    expect(appealRouteFor('misconduct-hearing', constable)).toMatchObject({ route: 'none' });
  });
});

describe('Conduct regs 30, 43: the dates the windows run from', () => {
  it('the outcome report is given on or after the meeting and not in the future', () => {
    expect(() => checkOutcomeReportGiven('2026-03-04', '2026-03-02', '2026-03-05')).not.toThrow();
    expect(refusalOf(() => checkOutcomeReportGiven('2026-03-01', '2026-03-02', '2026-03-05'))).toMatch(/before the meeting's outcome .*Conduct reg 43/);
    expect(refusalOf(() => checkOutcomeReportGiven('2026-03-06', '2026-03-02', '2026-03-05'))).toMatch(/in the future/);
  });
  it('the reg 30 documents are supplied on or after the referral', () => {
    expect(() => checkDocumentsSupplied('2026-03-02', '2026-03-02', '2026-03-02')).not.toThrow();
    expect(refusalOf(() => checkDocumentsSupplied('2026-03-01', '2026-03-02', '2026-03-05'))).toMatch(/before the referral/);
  });
  it('reg 31 is for misconduct proceedings, not accelerated hearings (Part 5)', () => {
    expect(responseAfterReferralApplies('misconduct-meeting')).toBe(true);
    expect(responseAfterReferralApplies('misconduct-hearing')).toBe(true);
    expect(responseAfterReferralApplies('accelerated-hearing')).toBe(false);
  });
});

describe('Conduct reg 45(3)(a) / reg 31(1)(b): extensions for exceptional circumstances', () => {
  const open = { closesOn: '2026-03-10' };
  it('to a later day, with a reason, while the window is open', () => {
    expect(() => checkWindowExtension({ window: 'appeal', closesOn: '2026-03-17', reason: 'in hospital' }, open, '2026-03-09')).not.toThrow();
    expect(refusalOf(() => checkWindowExtension({ window: 'appeal', closesOn: '2026-03-17', reason: '' }, open, '2026-03-09'))).toMatch(/reg 45\(3\)\(a\)/);
    expect(refusalOf(() => checkWindowExtension({ window: 'referral', closesOn: '2026-03-10', reason: 'x' }, open, '2026-03-09'))).toMatch(/must be after/);
    expect(refusalOf(() => checkWindowExtension({ window: 'referral', closesOn: '2026-03-31', reason: 'x' }, open, '2026-03-11'))).toMatch(/closed .*reg 31\(1\)\(b\)/);
    expect(refusalOf(() => checkWindowExtension({ window: 'referral', closesOn: '2026-02-30', reason: 'x' }, open, '2026-03-09'))).toMatch(/real date/);
    expect(refusalOf(() => checkWindowExtension({ window: 'appeal', closesOn: '2026-03-17', reason: 'x' }, undefined, '2026-03-09'))).toMatch(/no open appeal window/);
  });
});

describe('Conduct regs 42 and 62: hearing outcomes', () => {
  it('misconduct (not gross) at a hearing: reduction in rank or dismissal only under reg 42(5) or (6)', () => {
    for (const sanction of ['reduction-in-rank', 'dismissal-without-notice'] as const) {
      expect(refusalOf(() => checkHearingOutcome({ finding: 'misconduct', sanction }, 'misconduct-hearing', noFww))).toMatch(/Conduct reg 42\(5\).*reg 42\(6\).*Conduct reg 42\(3\)\(a\)/);
      expect(() => checkHearingOutcome({ finding: 'misconduct', sanction }, 'misconduct-hearing', { liveFinalWrittenWarning: true })).not.toThrow();
      expect(() => checkHearingOutcome({ finding: 'misconduct', sanction, finalWrittenWarningInForce: true }, 'misconduct-hearing', noFww)).not.toThrow();
      expect(() => checkHearingOutcome({ finding: 'misconduct', sanction, unconnectedIncidents: true }, 'misconduct-hearing', noFww)).not.toThrow();
    }
    expect(() => checkHearingOutcome({ finding: 'misconduct', sanction: 'final-written-warning' }, 'misconduct-hearing', noFww)).not.toThrow();
  });
  it('gross misconduct not ending in dismissal needs reasons', () => {
    expect(refusalOf(() => checkHearingOutcome({ finding: 'gross-misconduct', sanction: 'final-written-warning' }, 'misconduct-hearing', noFww))).toMatch(/^reasons:/);
    expect(() => checkHearingOutcome({ finding: 'gross-misconduct', sanction: 'final-written-warning', reasons: 'long exemplary record' }, 'misconduct-hearing', noFww)).not.toThrow();
    expect(() => checkHearingOutcome({ finding: 'gross-misconduct', sanction: 'dismissal-without-notice' }, 'misconduct-hearing', noFww)).not.toThrow();
  });
  it('an accelerated hearing finds gross misconduct or not (Conduct reg 62)', () => {
    expect(refusalOf(() => checkHearingOutcome({ finding: 'misconduct', sanction: 'final-written-warning' }, 'accelerated-hearing', noFww))).toMatch(/Conduct reg 62/);
    expect(refusalOf(() => checkHearingOutcome({ finding: 'practice-requiring-improvement' }, 'accelerated-hearing', noFww))).toMatch(/Conduct reg 62/);
    expect(() => checkHearingOutcome({ finding: 'not-proven' }, 'accelerated-hearing', noFww)).not.toThrow();
    expect(() => checkHearingOutcome({ finding: 'gross-misconduct', sanction: 'dismissal-without-notice' }, 'accelerated-hearing', noFww)).not.toThrow();
  });
});

describe('Conduct reg 19: the report to the local policing body', () => {
  it('is sent, or withheld only for prejudice with the reason; copied to the officer unless the harm test stops it', () => {
    expect(() => checkLongRunningReport({ sentToLocalPolicingBody: true, copiedToOfficer: true })).not.toThrow();
    expect(refusalOf(() => checkLongRunningReport({ sentToLocalPolicingBody: false }))).toMatch(/^localPolicingBodyWithheldBecause: .*reg 19\(3\)/);
    expect(refusalOf(() => checkLongRunningReport({ sentToLocalPolicingBody: true, localPolicingBodyWithheldBecause: 'x', copiedToOfficer: true }))).toMatch(/only when the report is withheld/);
    expect(refusalOf(() => checkLongRunningReport({ sentToLocalPolicingBody: true }))).toMatch(/^copiedToOfficer: .*reg 19\(4\)/);
    expect(refusalOf(() => checkLongRunningReport({ sentToLocalPolicingBody: true, copiedToOfficer: false }))).toMatch(/^harmTestReason:/);
    expect(() => checkLongRunningReport({ sentToLocalPolicingBody: false, localPolicingBodyWithheldBecause: 'criminal investigation', copiedToOfficer: false, harmTestReason: 'alerts a suspect' })).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '@probity/shared/domain/index';
import { loadPolicyConfig, parseLeadTimes } from './policy-config';

describe('reminder lead times (POLICY_REVIEW_REMIND_BEFORE)', () => {
  it('parses the wording people write', () => {
    expect(parseLeadTimes('3 months, 1 month, 1 week')).toEqual([{ months: 3 }, { months: 1 }, { weeks: 1 }]);
    expect(parseLeadTimes('28 days,7 days')).toEqual([{ calendarDays: 28 }, { calendarDays: 7 }]);
    expect(parseLeadTimes('10 working days, 1 Year')).toEqual([{ workingDays: 10 }, { years: 1 }]);
  });

  it('names the part it cannot read', () => {
    expect(() => parseLeadTimes('3 months, soon')).toThrow('"soon" is not a lead time such as "3 months"');
    expect(() => parseLeadTimes('0 days')).toThrow(RangeError);
    expect(() => parseLeadTimes('2 fortnights')).toThrow(RangeError);
  });

  it('defaults to 3 months, 1 month and 1 week; empty means the SLA policy\'s own', () => {
    const byDefault = loadPolicyConfig({});
    expect(byDefault.remindBefore).toEqual([{ months: 3 }, { months: 1 }, { weeks: 1 }]);
    expect(byDefault.sla.policyReview.remindBefore).toEqual(byDefault.remindBefore);
    expect(byDefault.sla.escalation).toEqual(DEFAULT_SLA_POLICY.escalation);

    const fromSla = loadPolicyConfig({ POLICY_REVIEW_REMIND_BEFORE: '' });
    expect(fromSla.remindBefore).toBeUndefined();
    expect(fromSla.sla).toBe(DEFAULT_SLA_POLICY);
  });

  it('refuses a bad setting at start-up, naming the variable', () => {
    expect(() => loadPolicyConfig({ POLICY_REVIEW_REMIND_BEFORE: 'tomorrow' })).toThrow(/POLICY_REVIEW_REMIND_BEFORE: "tomorrow" is not a lead time/);
  });
});

// Settings of the policy register, beside intake's own. Defaults work locally.
//
// POLICY_REVIEW_REMIND_BEFORE: when the owner is reminded ahead of a review's due day, e.g.
// "3 months, 1 month, 1 week" (the default). Units: working day(s), day(s), week(s), month(s),
// year(s). An empty value means the SLA policy's own lead times (DEFAULT_SLA_POLICY: 28 and 7
// days). The lead times are handed to each policy's review workflow at start, so a change applies
// to workflows started afterwards; the longest lead time is also when a policy becomes 'due soon'.
import { z } from 'zod';
import { DEFAULT_SLA_POLICY, makeDuration, type Duration, type DurationUnit, type SlaPolicy } from '@probity/shared/domain/index';
import { policyReviewSla } from '@probity/workflows/policy/policy-status';

export const DEFAULT_REMIND_BEFORE = '3 months, 1 month, 1 week';

const UNITS: Record<string, DurationUnit> = {
  'working day': 'workingDays',
  'working days': 'workingDays',
  day: 'calendarDays',
  days: 'calendarDays',
  week: 'weeks',
  weeks: 'weeks',
  month: 'months',
  months: 'months',
  year: 'years',
  years: 'years',
};

/** Parses "3 months, 1 month, 1 week" into durations; throws a RangeError naming a bad part. */
export function parseLeadTimes(text: string): Duration[] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  return parts.map((part) => {
    const m = /^(\d{1,4})\s+([a-z ]+?)$/i.exec(part);
    const unit = m ? UNITS[m[2]!.toLowerCase().replace(/\s+/g, ' ')] : undefined;
    if (!m || !unit || Number(m[1]) < 1) {
      throw new RangeError(`"${part}" is not a lead time such as "3 months", "1 week" or "10 working days"`);
    }
    return makeDuration(unit, Number(m[1]));
  });
}

const PolicyEnvSchema = z.object({
  POLICY_REVIEW_REMIND_BEFORE: z
    .string()
    .default(DEFAULT_REMIND_BEFORE)
    .transform((text, ctx): Duration[] | undefined => {
      if (text.trim() === '') return undefined;
      try {
        return parseLeadTimes(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
});

export interface PolicyConfig {
  /** Reminder lead times for new review workflows; undefined: the SLA policy's own. */
  remindBefore: Duration[] | undefined;
  /** The SLA policy the register is judged by (status, due-soon window) and workflows start with. */
  sla: SlaPolicy;
}

export function loadPolicyConfig(env: NodeJS.ProcessEnv = process.env): PolicyConfig {
  const parsed = PolicyEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid policy register configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const remindBefore = parsed.data.POLICY_REVIEW_REMIND_BEFORE;
  return { remindBefore, sla: policyReviewSla(DEFAULT_SLA_POLICY, remindBefore) };
}

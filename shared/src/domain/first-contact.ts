/**
 * First contact only where the law allows it (DOMAIN.md "Access, conflicts and the complaint's
 * route"; policy §3.2.2): a complaint that must be recorded under Schedule 3 — the complainant
 * wants it recorded; conduct that, if proved, might be a criminal offence or justify disciplinary
 * proceedings; death or serious injury; an ECHR article 2 or 3 infringement; a mandatory IOPC
 * referral category (C&M reg 4) — can never be resolved at first contact nor handled outside
 * Schedule 3. Only the rest may be handled "otherwise than in accordance with Schedule 3".
 */
import type { Permission } from './ranks';
import { mustBeRecordedUnderSchedule3, type ComplaintForRouting, type RoutingReason, type Schedule3Code } from './complaint-routing';

/** The reasons that require recording, without the appropriate authority's own choice (that is no bar to first contact). */
export function legalSchedule3Reasons(reasons: readonly RoutingReason<Schedule3Code>[]): RoutingReason<Schedule3Code>[] {
  return reasons.filter((r) => r.code !== 'psd-decision');
}

const because = (reasons: readonly RoutingReason<Schedule3Code>[]) =>
  reasons.map((r) => r.text + (r.allegationIds.length > 0 ? ` [allegations ${r.allegationIds.join(', ')}]` : '')).join('; ');

/** §3.2.2 within Sch 3, from the Schedule 3 reasons a routing found (the workflow has its route, not the form). */
export function canResolveAtFirstContactGiven(schedule3Reasons: readonly RoutingReason<Schedule3Code>[]): Permission {
  const reasons = legalSchedule3Reasons(schedule3Reasons);
  if (reasons.length === 0) return { allowed: true };
  return {
    allowed: false,
    reason:
      `This complaint cannot be resolved at first contact: it must be recorded under Schedule 3 because ${because(reasons)} ` +
      '(Police Reform Act 2002 Sch 3; C&M regs 2020). Record it without resolving it, and PSD will assess it.',
  };
}

/** §3.2.2 within Sch 3: may whoever takes the complaint resolve it there and then? */
export function canResolveAtFirstContact(complaint: ComplaintForRouting): Permission {
  return canResolveAtFirstContactGiven(mustBeRecordedUnderSchedule3(complaint));
}

/** May the complaint be handled outside Schedule 3 ("initial handling")? The same test as first contact. */
export function canHandleOutsideSchedule3Given(schedule3Reasons: readonly RoutingReason<Schedule3Code>[]): Permission {
  const reasons = legalSchedule3Reasons(schedule3Reasons);
  if (reasons.length === 0) return { allowed: true };
  return {
    allowed: false,
    reason: `This complaint must be recorded and handled under Schedule 3 because ${because(reasons)} (Police Reform Act 2002 Sch 3).`,
  };
}

export function canHandleOutsideSchedule3(complaint: ComplaintForRouting): Permission {
  return canHandleOutsideSchedule3Given(mustBeRecordedUnderSchedule3(complaint));
}

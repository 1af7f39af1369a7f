// Where a policy stands against its two-yearly review (P02 §7.1), and when its owner and the
// people above them are to be told. Pure functions of dates, the holiday calendar and the SLA
// policy: used by the policy review workflow (deterministic) and by the intake API alike.
import {
  escalationStep,
  policyReviewReminderDates,
  startOfLondonDayMs,
  toLondonDate,
  type Anchor,
  type Duration,
  type EscalationRecipient,
  type HolidayCalendar,
  type IsoDate,
  type SlaPolicy,
} from '@probity/shared/domain/index';

export const POLICY_STATUSES = ['overdue', 'due-soon', 'in-date'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** The SLA policy with other reminder lead times (none given: unchanged). */
export function policyReviewSla(base: SlaPolicy, remindBefore?: readonly Duration[]): SlaPolicy {
  if (!remindBefore) return base;
  return { ...base, policyReview: { ...base.policyReview, remindBefore: remindBefore.map((d) => ({ ...d }) as Duration) } };
}

/**
 * 'overdue' once the due day has ended (in London); 'due-soon' from the first reminder day (the
 * longest lead time before the due day) up to and including the due day; otherwise 'in-date'.
 */
export function policyStatus(nextReviewDue: IsoDate, today: Anchor, cal: HolidayCalendar, sla: SlaPolicy): PolicyStatus {
  const day = toLondonDate(today);
  if (day > nextReviewDue) return 'overdue';
  const first = policyReviewReminderDates(nextReviewDue, cal, sla)[0];
  return first !== undefined && day >= first ? 'due-soon' : 'in-date';
}

/** The first day the policy counts as due soon (its first reminder day), if it has reminders. */
export function dueSoonFrom(nextReviewDue: IsoDate, cal: HolidayCalendar, sla: SlaPolicy): IsoDate | undefined {
  return policyReviewReminderDates(nextReviewDue, cal, sla)[0];
}

/** Something the owner (reminder) or those above them (overdue escalation) are to be told. */
export type PolicyNotice =
  | { kind: 'reminder'; /** 0-based, earliest first */ index: number; on: IsoDate; atMs: number }
  | { kind: 'overdue'; /** escalationStep's k */ step: number; on: IsoDate; atMs: number };

/**
 * The notices of one review period in time order: a reminder at the start of each reminder day,
 * then — once the due day has ended — escalation step 0, 1, 2 … every escalation interval
 * (escalationStep), without end. Each falls due the instant after its day ends, or at the start
 * of its day for reminders.
 */
export function noticeAt(dueOn: IsoDate, i: number, cal: HolidayCalendar, sla: SlaPolicy): PolicyNotice {
  const reminders = policyReviewReminderDates(dueOn, cal, sla);
  const on = reminders[i];
  if (on !== undefined) return { kind: 'reminder', index: i, on, atMs: startOfLondonDayMs(on) };
  const step = escalationStep(dueOn, i - reminders.length, cal, sla);
  return { kind: 'overdue', step: step.step, on: step.at.dueOn, atMs: step.at.dueAtMs + 1 };
}

export interface NoticePlan {
  /** The latest notice whose time has come (what is owed now, if not sent yet). */
  owed?: PolicyNotice;
  /** The first notice still in the future: when to wake next. */
  next: PolicyNotice;
}

/**
 * Where `nowMs` falls in the period's notices. Escalations repeat without end, so the search
 * doubles then bisects: a policy left overdue for decades costs a few dozen date computations.
 */
export function planNotices(dueOn: IsoDate, nowMs: number, cal: HolidayCalendar, sla: SlaPolicy): NoticePlan {
  const at = (i: number) => noticeAt(dueOn, i, cal, sla);
  if (at(0).atMs > nowMs) return { next: at(0) };
  // Invariant: at(lo) has come; find hi with at(hi) still to come.
  let lo = 0;
  let hi = 1;
  while (at(hi).atMs <= nowMs) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid).atMs <= nowMs) lo = mid;
    else hi = mid;
  }
  return { owed: at(lo), next: at(hi) };
}

/**
 * Who is told at the n-th overdue escalation actually sent in a period (1-based level): the SLA
 * policy's chain in order (escalationStep) — the owner's manager, then the head of PSD, staying
 * at the top. Levels count what was sent, so a period that starts long overdue (a workflow
 * started late) begins with the manager and never skips them.
 */
export function escalationRecipientForLevel(dueOn: IsoDate, level: number, cal: HolidayCalendar, sla: SlaPolicy): EscalationRecipient {
  if (!Number.isInteger(level) || level < 1) throw new RangeError(`Escalation level must be 1 or more, got ${level}`);
  return escalationStep(dueOn, level - 1, cal, sla).recipient;
}
